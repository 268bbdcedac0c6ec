/**
 * Entry point: styles, the kernel worker, the app shell and the service worker (offline use,
 * with a prompt — never a silent reload — when a new version is ready). The worker starts first,
 * so tfjs loads while the page builds the notebook.
 */
import 'katex/dist/katex.min.css';
import './ui/styles.css';
import { registerSW } from 'virtual:pwa-register';
import { KernelClient, type WorkerLike } from './kernel/client';
import type { BackendInfo } from './kernel/protocol';
import { backendAtStart, saveMeasuredBackends, type MeasuredFor } from './store/settings';
import './ui/fb-app';

document.documentElement.dataset.kernel = 'starting';

/** A backend measurement holds for this build of the app in this browser. */
const measuredFor: MeasuredFor = { appVersion: String(import.meta.env.VITE_APP_VERSION ?? 'dev'), userAgent: navigator.userAgent };
/** The worker cannot read the heap limit it shares with the page; the page tells it (Chromium). */
const heapLimit = (performance as { memory?: { jsHeapSizeLimit?: number } }).memory?.jsHeapSizeLimit;

const kernel = new KernelClient(
  () => new Worker(new URL('./kernel/worker.ts', import.meta.url), { type: 'module', name: 'fieldbook-kernel' }) as unknown as WorkerLike,
  { ...backendAtStart(measuredFor), heapLimit },
);
void kernel.start();
kernel.addEventListener('backend', (event) => saveMeasuredBackends((event as CustomEvent<BackendInfo>).detail, measuredFor));

const app = document.createElement('fb-app');
app.kernel = kernel;
document.body.append(app);

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
