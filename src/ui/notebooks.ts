/**
 * The tutorials shipped with the app. The build (src/build/notebook-assets.ts) parses every
 * `notebooks/*.md`, pre-renders its prose and writes one JSON asset per notebook (and the raw
 * text), precached for offline use: the page fetches a notebook as data when it opens one, and
 * lists them all from a small index of front matter and outlines compiled into the page.
 */
import { notebooks as shipped, broken as brokenFiles, texts as textFiles } from 'virtual:fieldbook-notebooks';
import type { Heading } from './markdown';
import type { NotebookOutline } from '../notebook/outline';
import type { Notebook, NotebookMeta } from '../notebook/types';
import { errorMessage } from './report-error';

/** The file of notebook terms (`notebooks/glossary.md`): a page of its own, not a notebook to list. */
export const GLOSSARY_ID = 'glossary';

/** A notebook that failed to parse, listed with its error so the problem is visible. */
export interface BrokenNotebook {
  id: string;
  error: string;
}

/** Prose the build rendered, by markdown cell id (trusted: shipped with the app). */
export type PrerenderedProse = Record<string, { source: string; html: string; headings: Heading[] }>;

/** What a notebook's JSON asset holds. */
export interface NotebookAsset {
  notebook: Notebook;
  prose: PrerenderedProse;
}

/** A typed error for a notebook that could not be fetched or read. */
export class NotebookLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotebookLoadError';
  }
}

const prerendered = new WeakMap<Notebook, PrerenderedProse>();
const outlines = new WeakMap<Notebook, NotebookOutline>();

/** The build's rendering of a shipped notebook's prose (undefined for any other notebook). */
export function prerenderedProse(notebook: Notebook): PrerenderedProse | undefined {
  return prerendered.get(notebook);
}

/** The outline the build read from a shipped notebook's cells (undefined for any other notebook). */
export function shippedOutline(notebook: Notebook): NotebookOutline | undefined {
  return outlines.get(notebook);
}

/** Fetches a shipped asset; a failure names the notebook and what to do. */
async function fetchAsset(url: string, id: string): Promise<Response> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response;
  } catch (e) {
    throw new NotebookLoadError(`The notebook "${id}" could not be loaded (${errorMessage(e)}). If you are offline, open it once online first.`, { cause: e });
  }
}

/** Loads one shipped notebook by id (the file name, or the id in its front matter). */
export async function loadNotebook(id: string): Promise<Notebook | null> {
  const entry = shipped.find((n) => n.file === id) ?? shipped.find((n) => n.meta.id === id);
  if (!entry) return null;
  const asset = (await (await fetchAsset(entry.url, id)).json()) as NotebookAsset;
  prerendered.set(asset.notebook, asset.prose);
  outlines.set(asset.notebook, entry.outline as NotebookOutline);
  return asset.notebook;
}

/** The raw text of a shipped file in `notebooks/` by file name (without `.md`), or null. */
export async function loadNotebookText(id: string): Promise<string | null> {
  const url = textFiles.find((t) => t.file === id)?.url;
  return url ? (await fetchAsset(url, id)).text() : null;
}

/** A shipped notebook's front matter and outline (sections, exercises, time), for the home page. */
export interface NotebookSummary {
  meta: NotebookMeta;
  outline: NotebookOutline;
}

/** Every shipped notebook with its outline, in `order`, with broken files reported apart. */
export async function listCourse(): Promise<{ notebooks: NotebookSummary[]; broken: BrokenNotebook[] }> {
  const notebooks = shipped
    .filter((n) => n.file !== GLOSSARY_ID)
    .map((n) => ({ meta: n.meta, outline: n.outline as NotebookOutline }))
    .sort((a, b) => a.meta.order - b.meta.order || a.meta.title.localeCompare(b.meta.title));
  return { notebooks, broken: brokenFiles.filter((b) => b.id !== GLOSSARY_ID) };
}

/** Lists every shipped notebook's front matter, in `order`, with broken files reported apart. */
export async function listNotebooks(): Promise<{ notebooks: NotebookMeta[]; broken: BrokenNotebook[] }> {
  const { notebooks, broken } = await listCourse();
  return { notebooks: notebooks.map((n) => n.meta), broken };
}
