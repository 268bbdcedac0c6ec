/**
 * Renders prose the build did not pre-render (imported notebooks), in its own chunk: marked, then
 * DOMPurify for what came from outside, and KaTeX only once a page turns out to have math.
 *
 * Imported prose is untrusted twice over: it must not run (DOMPurify) and it must not pass for
 * the app (no `style`, no app classes or ids, no forms or popovers), so a notebook cannot cover
 * the toolbar or fake a notice. Its formulas are KaTeX's own output, put back after sanitising.
 */
import DOMPurify from 'dompurify';
import { renderMarkdown, type Heading, type MathRenderer, type RenderedProse } from './markdown';

let katexRender: MathRenderer | null = null;
let katexLoading: Promise<void> | null = null;

/** Loads KaTeX (once). */
export function loadMath(): Promise<void> {
  katexLoading ??= import('katex').then(({ default: katex }) => {
    katexRender = (tex, display) =>
      katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', maxSize: 20, trust: false });
  });
  return katexLoading;
}

/** Tags imported prose may not use: no styles, forms, frames or dialogs. */
const FORBID_TAGS = ['style', 'form', 'button', 'select', 'option', 'textarea', 'dialog', 'link', 'meta', 'base', 'iframe', 'object', 'embed'];
/** Attributes it may not use: inline styles and anything that lifts an element above the page. */
const FORBID_ATTR = ['style', 'popover', 'popovertarget', 'popovertargetaction', 'autofocus', 'autoplay', 'tabindex', 'accesskey'];

/** A DOMPurify of its own: its hooks must not touch HTML outputs, which another instance cleans. */
let purifier: ReturnType<typeof DOMPurify> | null = null;

function importedPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('uponSanitizeElement', (node, data) => {
    // Task-list checkboxes (disabled, from Markdown) are the only inputs prose may show.
    if (data.tagName === 'input' && node instanceof Element && !(node.getAttribute('type') === 'checkbox' && node.hasAttribute('disabled'))) node.remove();
  });
  purifier.addHook('uponSanitizeAttribute', (_node, data) => {
    // App classes and ids would let prose pass for the app's own controls or notices; keep only
    // Markdown's code-language classes and the heading ids the renderer made.
    if (data.attrName === 'class') data.keepAttr = /^language-[\w-]+$/.test(data.attrValue);
    if (data.attrName === 'id') data.keepAttr = /^sec-[a-z0-9-]+$/.test(data.attrValue);
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLAnchorElement && node.hasAttribute('target')) node.setAttribute('rel', 'noopener noreferrer');
  });
  return purifier;
}

/** Sanitises imported prose HTML, keeping `keep` (KaTeX output) where its placeholders stand. */
function sanitizeImported(html: string, nonce: string, keep: string[]): string {
  const clean = importedPurifier().sanitize(html, { ADD_ATTR: ['target'], FORBID_TAGS, FORBID_ATTR });
  return clean.replace(new RegExp(`<span data-fb-math="${nonce}-(\\d+)"></span>`, 'g'), (_, i: string) => keep[Number(i)] ?? '');
}

/**
 * Renders prose now, or returns null when it has math and KaTeX is still to load (call
 * `loadMath()` and try again). `untrusted` prose is sanitised (see the module comment).
 */
export function renderProse(source: string, taken: readonly Heading[], untrusted: boolean): RenderedProse | null {
  if (!untrusted) {
    const out = renderMarkdown(source, taken, katexRender ?? undefined);
    return out.math && !katexRender ? null : out;
  }
  const nonce = Math.random().toString(36).slice(2);
  const formulas: string[] = [];
  const placeholder: MathRenderer = (tex, display) => {
    formulas.push(katexRender!(tex, display));
    return `<span data-fb-math="${nonce}-${formulas.length - 1}"></span>`;
  };
  const out = renderMarkdown(source, taken, katexRender ? placeholder : undefined);
  if (out.math && !katexRender) return null;
  return { ...out, html: sanitizeImported(out.html, nonce, formulas) };
}
