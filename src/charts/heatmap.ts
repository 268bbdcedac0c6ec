/** Heatmaps (confusion matrices) as HTML tables: no canvas and no Chart.js. */
import type { HeatmapSpec } from '../ml/charts/spec';
import { formatTick } from './format';

/** Draws `spec` as a table into `container`, replacing what was there. */
export function drawHeatmap(container: HTMLElement, spec: HeatmapSpec): void {
  const max = Math.max(1e-12, ...spec.values.flat().map(Math.abs));
  const table = document.createElement('table');
  table.className = 'fb-heatmap';
  if (spec.title) table.createCaption().textContent = spec.title;
  const head = table.createTHead().insertRow();
  const corner = document.createElement('th');
  corner.textContent = [spec.rowLabel, spec.colLabel].filter(Boolean).join(' \\ ');
  head.append(corner);
  for (const c of spec.cols) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    head.append(th);
  }
  const body = table.createTBody();
  spec.rows.forEach((r, i) => {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r;
    row.append(th);
    spec.values[i].forEach((v) => {
      const td = row.insertCell();
      const strength = Math.abs(v) / max;
      td.textContent = formatTick(v);
      td.style.background = `rgba(0, 114, 178, ${(0.08 + 0.82 * strength).toFixed(3)})`;
      td.style.color = strength > 0.5 ? '#fff' : 'inherit';
    });
  });
  container.replaceChildren(table);
}
