/**
 * Vite plugin: the shipped notebooks as data. Each `notebooks/*.md` is parsed at build time and
 * its prose pre-rendered (Markdown and KaTeX, trusted: it ships with the app), then written as a
 * JSON asset the page fetches when it opens that notebook and the service worker precaches. The
 * page gets a small index (`virtual:fieldbook-notebooks`) of front matter and asset URLs, so no
 * notebook text, Markdown renderer or KaTeX is in its JavaScript. In dev the same JSON is served
 * by the dev server and rebuilt when a notebook changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import katex from 'katex';
import { runnerImport, type Plugin } from 'vite';
import type * as Outline from '../notebook/outline.js';
import type * as Parse from '../notebook/parse.js';
import type { Notebook } from '../notebook/types.js';
import type * as Markdown from '../ui/markdown.js';

/** The app's own parser and prose renderer, loaded through Vite (they are TypeScript). */
interface Tools {
  parseNotebook: typeof Parse.parseNotebook;
  renderMarkdown: typeof Markdown.renderMarkdown;
  outlineNotebook: typeof Outline.outlineNotebook;
}

let tools: Promise<Tools> | null = null;

function loadTools(): Promise<Tools> {
  tools ??= Promise.all([
    runnerImport<typeof Parse>(resolve('src/notebook/parse.ts')),
    runnerImport<typeof Markdown>(resolve('src/ui/markdown.ts')),
    runnerImport<typeof Outline>(resolve('src/notebook/outline.ts')),
  ]).then(([parse, markdown, outline]) => ({
    parseNotebook: parse.module.parseNotebook,
    renderMarkdown: markdown.module.renderMarkdown,
    outlineNotebook: outline.module.outlineNotebook,
  }));
  return tools;
}

const VIRTUAL = 'virtual:fieldbook-notebooks';
const RESOLVED = `\0${VIRTUAL}`;
const DEV_PREFIX = '/@fieldbook-notebooks/';

/** A notebook and its pre-rendered prose, as the JSON asset holds them (see src/ui/notebooks.ts). */
function toAsset(notebook: Notebook, { renderMarkdown }: Tools): string {
  const prose: Record<string, { source: string; html: string; headings: Markdown.Heading[] }> = {};
  const taken: Markdown.Heading[] = [];
  const math = (tex: string, display: boolean) => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  for (const cell of notebook.cells) {
    if (cell.kind !== 'markdown') continue;
    const { html, headings } = renderMarkdown(cell.source, taken, math);
    prose[cell.id] = { source: cell.source, html, headings };
    taken.push(...headings);
  }
  return JSON.stringify({ notebook, prose });
}

interface Entry {
  file: string;
  path: string;
}

/** Serves `notebooks/*.md` to the page as JSON assets plus an index module. */
export function notebookAssets(dir = 'notebooks'): Plugin {
  const root = resolve(dir);
  let build = false;
  const list = (): Entry[] =>
    readdirSync(root)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ file: f.replace(/\.md$/, ''), path: join(root, f) }));
  return {
    name: 'fieldbook-notebook-assets',
    configResolved(config) {
      build = config.command === 'build';
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      const loaded = await loadTools();
      const notebooks: string[] = [];
      const texts: string[] = [];
      const broken: { id: string; error: string }[] = [];
      for (const entry of list()) {
        this.addWatchFile(entry.path);
        const text = readFileSync(entry.path, 'utf8');
        // The raw text too, for pages that read a file of their own kind (the glossary).
        const textUrl = build
          ? `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'asset', name: `${entry.file}.md`, source: text })}`
          : JSON.stringify(`${DEV_PREFIX}${encodeURIComponent(entry.file)}.md`);
        texts.push(`{ file: ${JSON.stringify(entry.file)}, url: ${textUrl} }`);
        let notebook: Notebook;
        try {
          notebook = loaded.parseNotebook(text, `${entry.file}.md`);
        } catch (e) {
          broken.push({ id: entry.file, error: e instanceof Error ? e.message : String(e) });
          continue;
        }
        const url = build
          ? `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'asset', name: `${entry.file}.json`, source: toAsset(notebook, loaded) })}`
          : JSON.stringify(`${DEV_PREFIX}${encodeURIComponent(entry.file)}.json`);
        notebooks.push(
          `{ file: ${JSON.stringify(entry.file)}, meta: ${JSON.stringify(notebook.meta)}, outline: ${JSON.stringify(loaded.outlineNotebook(notebook))}, url: ${url} }`,
        );
      }
      return `export const notebooks = [${notebooks.join(', ')}];\nexport const texts = [${texts.join(', ')}];\nexport const broken = ${JSON.stringify(broken)};\n`;
    },
    configureServer(server) {
      server.watcher.add(join(root, '*.md'));
      server.watcher.on('change', (path) => {
        if (!path.startsWith(root)) return;
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (module) server.moduleGraph.invalidateModule(module);
      });
      server.middlewares.use(DEV_PREFIX, async (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').replace(/^\//, '').replace(/\?.*$/, ''));
        const entry = list().find((e) => `${e.file}.json` === path || `${e.file}.md` === path);
        if (!entry) return next();
        if (path.endsWith('.md')) {
          res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
          res.end(readFileSync(entry.path, 'utf8'));
          return;
        }
        try {
          const loaded = await loadTools();
          const asset = toAsset(loaded.parseNotebook(readFileSync(entry.path, 'utf8'), `${entry.file}.md`), loaded);
          res.setHeader('Content-Type', 'application/json');
          res.end(asset);
        } catch (e) {
          res.statusCode = 500;
          res.end(e instanceof Error ? e.message : String(e));
        }
      });
    },
  };
}
