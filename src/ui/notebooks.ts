/**
 * The tutorials shipped with the app. The build (build/notebooks.ts) parses every
 * `notebooks/*.md`, pre-renders its prose and writes one JSON asset per notebook, precached for
 * offline use: the page fetches a notebook as data when it opens one, and lists them all from a
 * small index of front matter compiled into the page.
 */
import { notebooks as shipped, broken as brokenFiles } from 'virtual:fieldbook-notebooks';
import type { Heading } from './markdown';
import type { Notebook, NotebookMeta } from '../notebook/types';
import { errorMessage } from './report-error';

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

/** The build's rendering of a shipped notebook's prose (undefined for any other notebook). */
export function prerenderedProse(notebook: Notebook): PrerenderedProse | undefined {
  return prerendered.get(notebook);
}

/** Loads one shipped notebook by id (the file name, or the id in its front matter). */
export async function loadNotebook(id: string): Promise<Notebook | null> {
  const entry = shipped.find((n) => n.file === id) ?? shipped.find((n) => n.meta.id === id);
  if (!entry) return null;
  let asset: NotebookAsset;
  try {
    const response = await fetch(entry.url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    asset = (await response.json()) as NotebookAsset;
  } catch (e) {
    throw new NotebookLoadError(`The notebook "${id}" could not be loaded (${errorMessage(e)}). If you are offline, open it once online first.`, { cause: e });
  }
  prerendered.set(asset.notebook, asset.prose);
  return asset.notebook;
}

/** Lists every shipped notebook's front matter, in `order`, with broken files reported apart. */
export async function listNotebooks(): Promise<{ notebooks: NotebookMeta[]; broken: BrokenNotebook[] }> {
  const notebooks = shipped.map((n) => n.meta).sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return { notebooks, broken: [...brokenFiles] };
}
