/**
 * Vite plugin: creates the kernel worker from a script inline in index.html's head, before the
 * page's own JavaScript has been fetched: `src/early-kernel.ts`, bundled on its own (1.4 KB) with
 * the worker script's hashed name and the app version. (Created by `src/start-kernel.ts`, the
 * worker waited for index.js to arrive and be compiled: 70–350 ms on a busy machine.) Build only;
 * the dev server creates the worker the ordinary way.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

/** The plugin; `appVersion` is the build's (the inlined script checks the cached backend measurement against it). */
export function earlyKernel(options: { appVersion: string }): Plugin {
  return {
    name: 'fieldbook-early-kernel',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        const script = Object.keys(context.bundle ?? {}).find((file) => /^assets\/worker-(?!kernel-)[\w-]+\.js$/.test(file));
        if (!script) throw new Error('fieldbook-early-kernel: the kernel worker script (assets/worker-*.js) is not in the bundle');
        const output = await build({
          configFile: false,
          logLevel: 'warn',
          define: {
            'import.meta.env.VITE_APP_VERSION': JSON.stringify(options.appVersion),
            __FIELDBOOK_KERNEL_URL__: JSON.stringify(`./${script}`),
          },
          build: {
            write: false,
            target: 'es2022',
            minify: true,
            lib: { entry: fileURLToPath(new URL('../early-kernel.ts', import.meta.url)), formats: ['iife'], name: 'fieldbookEarlyKernel' },
          },
        });
        const chunk = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : [])).find((o) => o.type === 'chunk');
        if (!chunk || chunk.type !== 'chunk') throw new Error('fieldbook-early-kernel: bundling src/early-kernel.ts gave no code');
        if (/<\/script/i.test(chunk.code)) throw new Error('fieldbook-early-kernel: the bundled script contains "</script"');
        // Right after the charset (which must stay in the first 1,024 bytes), before the stylesheet:
        // a classic script after a pending stylesheet would wait for it.
        const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
        if (!charset) throw new Error('fieldbook-early-kernel: index.html has no <meta charset> to put the script after');
        const at = charset.index + charset[0].length;
        return `${html.slice(0, at)}\n    <script>${chunk.code.trim()}</script>${html.slice(at)}`;
      },
    },
  };
}
