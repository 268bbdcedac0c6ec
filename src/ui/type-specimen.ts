/**
 * An invisible line of every typeface, size and style a notebook page sets (table of contents,
 * toolbar, prose, cell bar, code), shown while the notebook loads. The first text laid out in
 * each of them costs the browser a font lookup (about 2–5 ms each, twenty or so for a notebook,
 * asked of the browser process on Linux); laid out here, in the otherwise idle frames of the
 * wait, they are not all paid in the notebook's first frame. It takes no space, is hidden from
 * assistive technology and is gone once the notebook shows.
 */
import { html, nothing, type TemplateResult } from 'lit';

/**
 * A formula's faces (KaTeX's main, math italic, calligraphic and large-operator fonts, and symbols
 * the page's own fonts lack): for a page with math, whose web fonts then start to load, and whose
 * symbols need no fallback lookups, before the notebook's first frame.
 */
const math = html`<p>
  <span class="katex"
    ><span class="katex-html"
      ><span class="base"
        ><span class="mord mathnormal">xy</span><span class="mrel">=</span> <span class="mop op-symbol large-op">∑</span><span class="mord mathcal">L</span
        ><span class="mopen">(</span><span class="mord">θ1</span><span class="mclose">)</span> <span class="mbin">−</span><span class="mrel">∼</span
        ><span class="mord mathnormal">ε</span></span
      ></span
    ></span
  >
</p>`;

/** The specimen: the page's own classes, so it follows styles.css; code's font as code.css sets it. */
export function typeSpecimen({ withMath = false }: { withMath?: boolean } = {}): TemplateResult {
  return html`<div class="fb-type-specimen" aria-hidden="true">
    <nav class="fb-toc">
      <h2>Contents</h2>
      <p class="fb-toc-progress">0 of 1 passed</p>
      <ol>
        <li class="depth-2"><a href="#/">Aa</a><span class="fb-toc-count">0/1</span></li>
        <li class="depth-3">
          <a href="#/">Aa</a>
          <ul class="fb-toc-exercises">
            <li>
              <a href="#/"><span class="fb-toc-mark">○✓</span>Aa</a>
            </li>
          </ul>
        </li>
      </ol>
    </nav>
    <div class="fb-notebook">
      <div class="fb-toolbar">
        <button>▶▶ Aa</button><button>■ ↻ Aa</button><button class="fb-secondary">Aa</button><span class="fb-toolbar-status">Aa…</span>
      </div>
      <article class="fb-prose">
        <h1>Aa</h1>
        <h2>Aa</h2>
        <h3>Aa</h3>
        <p>
          Aa — “a” <strong>Aa</strong> <em>Aa</em> <strong><em>Aa</em></strong> <code>Aa</code> <a href="#/">Aa</a> <span class="fb-term"><dfn>Aa</dfn></span>
        </p>
        <table>
          <tr>
            <th>Aa</th>
            <td>Aa</td>
          </tr>
        </table>
        <blockquote>Aa</blockquote>
        ${withMath ? math : nothing}
      </article>
      <div class="fb-cell">
        <div class="fb-cell-bar">
          <button class="fb-run">▶</button><span class="fb-cell-label">[1]</span> <span class="fb-cell-status">Aa</span><span class="fb-cell-ms">1 ms</span
          ><span class="fb-badge">Aa</span><button class="fb-link">+ Aa</button>
        </div>
        <p class="fb-hidden-code">Aa</p>
        <div class="fb-type-code">
          Aa <i>Aa</i> <b>Aa</b> <b><i>Aa</i></b> ›⌄
        </div>
      </div>
    </div>
  </div>`;
}

/** KaTeX's faces the shipped formulas use (katex.min.css names them; the files are its web fonts). */
const MATH_FACES = ['1em KaTeX_Main', 'bold 1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Caligraphic', '1em KaTeX_Size1', '1em KaTeX_Size2'];

/**
 * Starts loading KaTeX's web fonts, for a page with math, as soon as the page knows it has any:
 * laid out before they arrive, each formula's symbols go to the system's fallback fonts (a lookup
 * in the browser process per character) and are laid out again once they come.
 */
export function loadMathFonts(): void {
  if (typeof document === 'undefined' || !document.fonts) return;
  for (const face of MATH_FACES) void document.fonts.load(face).catch(() => undefined);
}
