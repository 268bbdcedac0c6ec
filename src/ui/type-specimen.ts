/**
 * An invisible line of every typeface, size and style a notebook page sets (table of contents,
 * toolbar, prose, cell bar, code), shown while the notebook loads. The first text laid out in
 * each of them costs the browser a font lookup (about 2–5 ms each, twenty or so for a notebook,
 * asked of the browser process on Linux); laid out here, in the otherwise idle frames of the
 * wait, they are not all paid in the notebook's first frame. It takes no space, is hidden from
 * assistive technology and is gone once the notebook shows.
 */
import { html, type TemplateResult } from 'lit';

/** The specimen: the page's own classes, so it follows styles.css; code's font as code.css sets it. */
export function typeSpecimen(): TemplateResult {
  return html`<div class="fb-type-specimen" aria-hidden="true">
    <nav class="fb-toc"><h2>Contents</h2><p class="fb-toc-progress">0 of 1 passed</p>
      <ol><li class="depth-2"><a href="#/">Aa</a><span class="fb-toc-count">0/1</span></li><li class="depth-3"><a href="#/">Aa</a>
        <ul class="fb-toc-exercises"><li><a href="#/"><span class="fb-toc-mark">○✓</span>Aa</a></li></ul></li></ol></nav>
    <div class="fb-notebook">
      <div class="fb-toolbar"><button>▶▶ Aa</button><button>■ ↻ Aa</button><button class="fb-secondary">Aa</button><span class="fb-toolbar-status">Aa…</span></div>
      <article class="fb-prose"><h1>Aa</h1><h2>Aa</h2><h3>Aa</h3>
        <p>Aa — “a” <strong>Aa</strong> <em>Aa</em> <strong><em>Aa</em></strong> <code>Aa</code> <a href="#/">Aa</a> <span class="fb-term"><dfn>Aa</dfn></span></p>
        <table><tr><th>Aa</th><td>Aa</td></tr></table><blockquote>Aa</blockquote></article>
      <div class="fb-cell"><div class="fb-cell-bar"><button class="fb-run">▶</button><span class="fb-cell-label">[1]</span>
        <span class="fb-cell-status">Aa</span><span class="fb-cell-ms">1 ms</span><span class="fb-badge">Aa</span><button class="fb-link">+ Aa</button></div>
        <p class="fb-hidden-code">Aa</p>
        <div class="fb-type-code">Aa <i>Aa</i> <b>Aa</b> <b><i>Aa</i></b> ›⌄</div></div>
    </div>
  </div>`;
}
