/**
 * A trusted HTML output (`display.html`, `text/html` in an imported `.ipynb` once trusted),
 * rendered in a shadow root so its `<style>` styles only itself, inside a frame (`.fb-html`, see
 * styles.css) that contains anything positioned `fixed` or `absolute`. DOMPurify (loaded with
 * the first HTML output) still removes scripts and event handlers, and forms and password fields,
 * which have no business in a notebook's output and could pass for the app asking for a password.
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

@customElement('fb-html-output')
export class FbHtmlOutput extends LitElement {
  @property() html = '';
  private shown: string | null = null;

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    return this.attachShadow({ mode: 'open' });
  }

  protected override updated(): void {
    const html = this.html;
    void loadPurifier().then((purify) => {
      if (this.html !== html || this.shown === html || !this.shadowRoot) return;
      this.shown = html;
      // FORCE_BODY keeps a leading <style>: inside the shadow root it is the output's own.
      this.shadowRoot.innerHTML = `<style>:host { display: block; }</style>${purify.sanitize(html, { FORCE_BODY: true, FORBID_TAGS, FORBID_ATTR })}`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-html-output': FbHtmlOutput;
  }
}
