/**
 * Notebook prose to HTML: Markdown (marked) with `$…$` and `$$…$$` math. DOM-free, so the build
 * pre-renders the shipped notebooks with it (src/build/notebook-assets.ts) and the page only renders what
 * it imports. Math goes through the caller's `renderMath` (KaTeX), so KaTeX loads only for pages
 * with math; sanitising is the caller's too (prose-render.ts), as shipped prose is trusted.
 * Headings get stable ids for the table of contents.
 */
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import { slugify } from '../notebook/outline';

export { slugify };

/** A heading of the prose, for the table of contents. */
export interface Heading {
  id: string;
  text: string;
  depth: number;
}

/** Turns TeX into HTML (KaTeX's `renderToString`). */
export type MathRenderer = (tex: string, display: boolean) => string;

/** Prose rendered to HTML. */
export interface RenderedProse {
  html: string;
  headings: Heading[];
  /** The source has math (rendered only if a `renderMath` was given). */
  math: boolean;
}

interface MathToken extends Tokens.Generic {
  type: 'math';
  raw: string;
  text: string;
  display: boolean;
}

function mathExtensions(render: (token: MathToken) => string): TokenizerAndRendererExtension[] {
  const block: TokenizerAndRendererExtension = {
    name: 'math',
    level: 'block',
    start: (src) => src.match(/^\$\$/m)?.index,
    tokenizer(src) {
      const match = /^\$\$\n?([\s\S]+?)\n?\$\$(?:\n|$)/.exec(src);
      if (match) return { type: 'math', raw: match[0], text: match[1].trim(), display: true } satisfies MathToken;
      return undefined;
    },
    renderer: (token) => render(token as MathToken),
  };
  const inline: TokenizerAndRendererExtension = {
    name: 'math',
    level: 'inline',
    start: (src) => src.indexOf('$'),
    tokenizer(src) {
      const display = /^\$\$([^$]+?)\$\$/.exec(src);
      if (display) return { type: 'math', raw: display[0], text: display[1].trim(), display: true } satisfies MathToken;
      // No space just inside the dollars and no digit right after the closing one, so "$5 and $10" stays text.
      const inline = /^\$(?!\s)((?:\\\$|[^$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
      if (inline) return { type: 'math', raw: inline[0], text: inline[1], display: false } satisfies MathToken;
      return undefined;
    },
    renderer: (token) => render(token as MathToken),
  };
  return [block, inline];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Heading text for the table of contents, which Lit escapes itself: undo marked's escaping. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function createMarked(headings: Heading[], renderMath: (token: MathToken) => string): Marked {
  const marked = new Marked({ gfm: true });
  marked.use({
    extensions: mathExtensions(renderMath),
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        const text = decodeEntities(html.replace(/<[^>]+>/g, ''));
        let id = slugify(text);
        for (let n = 2; headings.some((h) => h.id === id); n++) id = `${slugify(text)}-${n}`;
        headings.push({ id, text, depth });
        return `<h${depth} id="${id}">${html}</h${depth}>\n`;
      },
    },
  });
  return marked;
}

/**
 * Renders prose to HTML and collects its headings (ids unique within `taken`). Without
 * `renderMath`, formulas come out as their TeX in a `<code>` and `math` says to render again
 * once a math renderer is at hand.
 */
export function renderMarkdown(source: string, taken: readonly Heading[] = [], renderMath?: MathRenderer): RenderedProse {
  const all = [...taken];
  let math = false;
  const render = (token: MathToken) => {
    math = true;
    return renderMath ? renderMath(token.text, token.display) : `<code>${escapeHtml(token.raw)}</code>`;
  };
  const html = createMarked(all, render).parse(source, { async: false }) as string;
  return { html, headings: all.slice(taken.length), math };
}

/**
 * Renders one line of Markdown (no paragraphs) to HTML, for definitions and labels inside text.
 * Not sanitised: only for text shipped with the app (the glossary).
 */
export function renderInlineMarkdown(source: string): string {
  return createMarked([], (token) => `<code>${escapeHtml(token.raw)}</code>`).parseInline(source, { async: false }) as string;
}
