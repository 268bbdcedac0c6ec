/**
 * A trusted HTML output (`display.html`, `text/html` in an imported `.ipynb` once trusted). Its
 * `<style>` rules are re-read by the browser's own CSS parser and put back inside
 * `@scope ([data-fb-html="n"])`, so they style only this output (a `body` or `.fb-toolbar` rule
 * matches nothing outside it); the frame around it (`.fb-html`, see styles.css) contains anything
 * positioned `fixed` or `absolute`. DOMPurify (loaded with the first HTML output) still removes
 * scripts and event handlers, and forms and password fields, which have no business in a
 * notebook's output and could pass for the app asking for a password. The content stays in the
 * page's own DOM, so its text is the page's text (copy, find, `innerText`).
 */
import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DOMPurify as Purifier } from 'dompurify';

let purifier: Promise<Purifier> | null = null;

function loadPurifier(): Promise<Purifier> {
  purifier ??= import('dompurify').then(({ default: create }) => {
    const instance = create(window);
    instance.addHook('uponSanitizeElement', (node, data) => {
      if (data.tagName === 'input' && node instanceof Element && node.getAttribute('type')?.toLowerCase() === 'password') node.remove();
    });
    return instance;
  });
  return purifier;
}

/** What HTML outputs may not contain besides what DOMPurify always removes. */
const FORBID_TAGS = ['form', 'link', 'meta', 'base', 'dialog', 'iframe', 'frame', 'frameset', 'object', 'embed'];
const FORBID_ATTR = ['popover', 'popovertarget', 'popovertargetaction', 'autofocus', 'formaction', 'form'];

let outputs = 0;

/**
 * The rules of `css` that style elements (plain, `@media`, `@supports`, `@container`), as the
 * browser serialises them, wrapped in `@scope (root)`. At-rules that define global names
 * (`@font-face`, `@keyframes`, `@property`, `@import`…) are dropped.
 */
export function scopeCss(css: string, root: string): string {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const kept = [...sheet.cssRules].filter(
    (rule) => rule instanceof CSSStyleRule || rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule || rule instanceof CSSContainerRule,
  );
  return kept.length ? `@scope (${root}) {\n${kept.map((rule) => rule.cssText).join('\n')}\n}` : '';
}

@customElement('fb-html-output')
export class FbHtmlOutput extends LitElement {
  @property() html = '';
  private shown: string | null = null;
  private readonly scope = String(++outputs);

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.dataset.fbHtml = this.scope;
  }

  protected override updated(): void {
    const html = this.html;
    void loadPurifier().then((purify) => {
      if (this.html !== html || this.shown === html) return;
      this.shown = html;
      // FORCE_BODY keeps a leading <style>, which is then scoped to this output.
      const content = purify.sanitize(html, { FORCE_BODY: true, FORBID_TAGS, FORBID_ATTR, RETURN_DOM_FRAGMENT: true });
      const styles = [...content.querySelectorAll('style')];
      const css = styles.map((s) => s.textContent ?? '').join('\n');
      for (const style of styles) style.remove();
      const scoped = css.trim() ? scopeCss(css, `[data-fb-html="${this.scope}"]`) : '';
      if (scoped) {
        const style = document.createElement('style');
        style.textContent = scoped;
        content.prepend(style);
      }
      this.replaceChildren(content);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-html-output': FbHtmlOutput;
  }
}
