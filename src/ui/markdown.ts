/**
 * Notebook prose to safe HTML: Markdown (marked), `$…$` and `$$…$$` math (KaTeX), then
 * DOMPurify. Headings get stable ids for the table of contents.
 */
import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import { slugify } from '../notebook/outline';

export { slugify };

/** A heading of the prose, for the table of contents. */
export interface Heading {
  id: string;
  text: string;
  depth: number;
}

interface MathToken extends Tokens.Generic {
  type: 'math';
  raw: string;
  text: string;
  display: boolean;
}

const blockMath: TokenizerAndRendererExtension = {
  name: 'math',
  level: 'block',
  start: (src) => src.match(/^\$\$/m)?.index,
  tokenizer(src) {
    const match = /^\$\$\n?([\s\S]+?)\n?\$\$(?:\n|$)/.exec(src);
    if (match) return { type: 'math', raw: match[0], text: match[1].trim(), display: true } satisfies MathToken;
    return undefined;
  },
  renderer: (token) => renderMath(token as MathToken),
};

const inlineMath: TokenizerAndRendererExtension = {
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
  renderer: (token) => renderMath(token as MathToken),
};

function renderMath(token: MathToken): string {
  return katex.renderToString(token.text, { displayMode: token.display, throwOnError: false, output: 'htmlAndMathml' });
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Heading text for the table of contents, which Lit escapes itself: undo marked's escaping. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);
}

function createMarked(headings: Heading[]): Marked {
  const marked = new Marked({ gfm: true });
  marked.use({
    extensions: [blockMath, inlineMath],
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

/** Renders prose to sanitised HTML and collects its headings (ids unique within `taken`). */
export function renderMarkdown(source: string, taken: Heading[] = []): { html: string; headings: Heading[] } {
  const all = [...taken];
  const raw = createMarked(all).parse(source, { async: false }) as string;
  const html = DOMPurify.sanitize(raw, { ADD_ATTR: ['target'], FORBID_TAGS: ['style', 'form'] });
  return { html, headings: all.slice(taken.length) };
}

/** Renders one line of Markdown (no paragraphs) to sanitised HTML: for definitions and labels inside text. */
export function renderInlineMarkdown(source: string): string {
  const raw = createMarked([]).parseInline(source, { async: false }) as string;
  return DOMPurify.sanitize(raw, { FORBID_TAGS: ['style', 'form'] });
}
