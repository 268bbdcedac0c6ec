/**
 * The tutorials shipped with the app: every `notebooks/*.md`, bundled as text (so they work
 * offline) and parsed on demand.
 */
import { parseNotebook } from '../notebook/parse';
import type { Notebook, NotebookMeta } from '../notebook/types';
import { errorMessage } from './report-error';

const files = import.meta.glob<string>('../../notebooks/*.md', { query: '?raw', import: 'default' });

function idOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.md$/, '');
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

/** Lists every shipped notebook's front matter, in `order`, with broken files reported apart. */
export async function listNotebooks(): Promise<{ notebooks: NotebookMeta[]; broken: BrokenNotebook[] }> {
  const notebooks: NotebookMeta[] = [];
  const broken: BrokenNotebook[] = [];
  await Promise.all(
    Object.entries(files).map(async ([path, load]) => {
      try {
        notebooks.push(parseNotebook(await load(), `${idOf(path)}.md`).meta);
      } catch (e) {
        broken.push({ id: idOf(path), error: errorMessage(e) });
      }
    }),
  );
  notebooks.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return { notebooks, broken };
}
