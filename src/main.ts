/**
 * Entry point: the kernel worker, styles, the app shell and the service worker (offline use,
 * with a prompt — never a silent reload — when a new version is ready). The worker starts first
 * (`start-kernel.ts` is imported before anything else), so tfjs loads while the page builds.
 */
import { kernel, measuredFor } from './start-kernel';
import 'katex/dist/katex.min.css';
import './ui/styles.css';
import { registerSW } from 'virtual:pwa-register';
import type { BackendInfo } from './kernel/protocol';
import { saveMeasuredBackends } from './store/settings';
import './ui';

kernel.addEventListener('backend', (event) => saveMeasuredBackends((event as CustomEvent<BackendInfo>).detail, measuredFor));
// The stable hook names the backend in use from the moment the kernel is ready, also while a
// first visit's measurement is still running (the header shows the backends once it is done).
kernel.addEventListener('state', () => {
  if (kernel.state !== 'starting' && kernel.backendInfo) document.documentElement.dataset.backend = kernel.backendInfo.backend;
});

const app = document.createElement('fb-app');
app.kernel = kernel;
document.body.append(app);

// The first number formatted for a locale loads the browser's locale data (15–20 ms here, several
// times that on a busy machine): do it while the page is idle, not in the first table or chart.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => (1000).toLocaleString('en-US'), { timeout: 3000 });

window.addEventListener('error', (event) => app.reportError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => app.reportError(event.reason));

/**
 * Resolves once the kernel has started (or failed to), or after 10 s. A first visit's service
 * worker downloads every precached file (5 MB) when it installs; registered at once, those
 * downloads competed with the worker's script and wasm binary for the connections and the CPU.
 */
function kernelStarted(): Promise<void> {
  return new Promise((resolve) => {
    if (kernel.state !== 'starting') return resolve();
    const done = () => {
      kernel.removeEventListener('state', done);
      resolve();
    };
    kernel.addEventListener('state', done);
    setTimeout(done, 10_000);
  });
}

if ('serviceWorker' in navigator && !import.meta.env.DEV) void kernelStarted().then(registerServiceWorker);

function registerServiceWorker(): void {
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
