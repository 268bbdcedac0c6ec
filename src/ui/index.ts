/**
 * The page: Lit elements, one per file and named for its tag, in the light DOM so the app's one
 * stylesheet (styles.css) reaches them. `fb-app` is the shell (routes, header, the one error sink
 * `reportError`); it loads the rest as it needs them:
 *
 * - the home page's course map (fb-notebook-list) and the glossary (fb-glossary);
 * - the notebook view (fb-notebook → fb-cell → fb-editor, fb-output, fb-exercise), its chunk
 *   loaded on the first notebook route, with code drawn statically until an editor is needed
 *   (static-code.ts, editor-queue.ts) and charts drawn one per frame (../charts);
 * - dialogs, the Storage panel, the keyboard shortcuts, the contents (fb-toc).
 *
 * Elements talk upward with the typed events of events.ts and downward with properties; the
 * session (../session) holds the cells, the kernel client (../kernel) runs them.
 */
export { FbApp } from './fb-app';
