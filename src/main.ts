/**
 * Entry point: styles, the kernel worker, the app shell and the service worker (offline use,
 * with a prompt — never a silent reload — when a new version is ready).
 */
import 'katex/dist/katex.min.css';
import './ui/styles.css';
import { registerSW } from 'virtual:pwa-register';
import { KernelClient, type WorkerLike } from './kernel/client';
import { savedBackend } from './ui/fb-app';
import './ui/fb-app';

document.documentElement.dataset.kernel = 'starting';

const kernel = new KernelClient(
  () => new Worker(new URL('./kernel/worker.ts', import.meta.url), { type: 'module', name: 'fieldbook-kernel' }) as unknown as WorkerLike,
  { backend: savedBackend() },
);

const app = document.createElement('fb-app');
app.kernel = kernel;
document.body.append(app);
void kernel.start();

window.addEventListener('error', (event) => app.reportError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => app.reportError(event.reason));

if ('serviceWorker' in navigator && !import.meta.env.DEV) {
  const updateSW = registerSW({
    onNeedRefresh: () =>
      app.offerUpdate(() => {
        // Reload once the new version controls the page. (workbox-window reloads by itself only when
        // the page was already controlled at start, which is not so on a learner's first visit.)
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        void updateSW(true);
      }),
    onRegisterError: (error: unknown) => app.reportError(new Error('Offline support could not be set up.', { cause: error })),
  });
}
