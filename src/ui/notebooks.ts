/**
 * The tutorials shipped with the app: every `notebooks/*.md`, bundled as text (so they work
 * offline) and parsed on demand.
 */
import { outlineNotebook, type NotebookOutline } from '../notebook/outline';
import { parseNotebook } from '../notebook/parse';
import type { Notebook, NotebookMeta } from '../notebook/types';
import { errorMessage } from './report-error';

const files = import.meta.glob<string>('../../notebooks/*.md', { query: '?raw', import: 'default' });

function idOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.md$/, '');
}

/** The file of notebook terms (`notebooks/glossary.md`): a page of its own, not a notebook to list. */
export const GLOSSARY_ID = 'glossary';

/** The raw text of a shipped file in `notebooks/` by file name (without `.md`), or null. */
export async function loadNotebookText(id: string): Promise<string | null> {
  const entry = Object.entries(files).find(([path]) => idOf(path) === id);
  return entry ? entry[1]() : null;
}

/** A notebook that failed to parse, listed with its error so the problem is visible. */
export interface BrokenNotebook {
  id: string;
  error: string;
}

/** Loads and parses one shipped notebook by id. */
export async function loadNotebook(id: string): Promise<Notebook | null> {
  const byFile = Object.entries(files).find(([path]) => idOf(path) === id);
  if (byFile) return parseNotebook(await byFile[1](), `${id}.md`);
  // An id from the front matter may differ from the file name.
  for (const [path, load] of Object.entries(files)) {
    const notebook = parseNotebook(await load(), `${idOf(path)}.md`);
    if (notebook.meta.id === id) return notebook;
  }
  return null;
}

/** A shipped notebook's front matter and outline (sections, exercises, time), for the home page. */
export interface NotebookSummary {
  meta: NotebookMeta;
  outline: NotebookOutline;
}

/** Every shipped notebook with its outline, in `order`, with broken files reported apart. */
export async function listCourse(): Promise<{ notebooks: NotebookSummary[]; broken: BrokenNotebook[] }> {
  const notebooks: NotebookSummary[] = [];
  const broken: BrokenNotebook[] = [];
  await Promise.all(
    Object.entries(files).map(async ([path, load]) => {
      if (idOf(path) === GLOSSARY_ID) return;
      try {
        const notebook = parseNotebook(await load(), `${idOf(path)}.md`);
        notebooks.push({ meta: notebook.meta, outline: outlineNotebook(notebook) });
      } catch (e) {
        broken.push({ id: idOf(path), error: errorMessage(e) });
      }
    }),
  );
  notebooks.sort((a, b) => a.meta.order - b.meta.order || a.meta.title.localeCompare(b.meta.title));
  return { notebooks, broken };
}

/** Lists every shipped notebook's front matter, in `order`, with broken files reported apart. */
export async function listNotebooks(): Promise<{ notebooks: NotebookMeta[]; broken: BrokenNotebook[] }> {
  const { notebooks, broken } = await listCourse();
  return { notebooks: notebooks.map((n) => n.meta), broken };
}
