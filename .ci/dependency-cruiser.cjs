/**
 * The house rules for imports (DESIGN.md §3): dependencies point one way,
 * ui → session, kernel, charts, store → notebook, ml — and no file imports itself in a circle.
 * Run by `npm run lint:deps` (part of `npm test`).
 */
const layer = (name, mayNotReach, comment) => ({
  name: `${name}-one-way`,
  comment,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: mayNotReach },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Files that import each other in a loop.', from: {}, to: { circular: true } },
    layer('ml', '^src/(notebook|kernel|session|charts|store|ui)/', 'The toolkit is the bottom floor: it runs in the worker and in Node.'),
    layer('notebook', '^src/(kernel|session|charts|store|ui)/', 'The notebook format is the bottom floor.'),
    layer('kernel', '^src/(session|charts|store|ui)/', 'The kernel runs cells; it knows the notebook format and the toolkit, nothing of the page.'),
    layer('session', '^src/(kernel/(worker|backend)|charts|ui)', 'A session is DOM-free: it talks to a kernel client, never to elements.'),
    layer('charts', '^src/(notebook|kernel|session|store|ui)/', 'Chart renderers draw plain specs from the toolkit.'),
    {
      name: 'build-is-build-time',
      comment: 'src/build holds the Vite plugins vite.config.ts runs in Node; the app never imports them.',
      severity: 'error',
      from: { path: '^src/(?!build/)' },
      to: { path: '^src/build/' },
    },
    layer('store', '^src/(kernel/(?!protocol\\.ts$)|session|charts|ui/)', "Storage knows the notebook format and the kernel protocol's plain types only."),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(node_modules|dist)/' },
  },
};
