/**
 * Types of bench/app.mjs for the TypeScript benches (bench/mf-speed.ts,
 * bench/recommendation-byod.ts): the project type-checks bench/ but not its JavaScript, and Node 20
 * cannot import TypeScript from the .mjs benches, so the helpers stay JavaScript with their types here.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** The repository's root folder. */
export const ROOT: string;
/** The shared data samples: ../shared/data beside a clone, two levels up from a worktree in wt/<name>. */
export const SHARED_DATA: string;
/** The Chromium the benches drive: Debian's, or $CHROMIUM_PATH. */
export const CHROMIUM: string;
/** Exactly the flags of tests/e2e/browser.ts, so the figures describe the browser the tests use. */
export const CHROMIUM_ARGS: string[];

/** True in the page when no cell is queued or running (pass to `page.waitForFunction`). */
export function idle(): boolean;
/** A cell's output text. */
export function outputOf(page: Page, id: string): Promise<string>;

/** Builds the app into dist/ unless it is there; exits the process when the build fails. */
export function ensureBuilt(): void;

/** A served build: its base URL (ending in `/`) and how to stop serving it. */
export interface ServedBuild {
  baseUrl: string;
  close(): Promise<void>;
}
/** Serves a build (dist/, or the copy of it in `outDir`) with Vite's `preview()` on a free loopback port. */
export function serveBuild(outDir?: string): Promise<ServedBuild>;

/** A headless Chromium in a fresh profile; `close()` also deletes the profile. */
export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}
/** Launches headless Chromium in a fresh profile with a 1280×900 viewport. */
export function launchChromium(): Promise<LaunchedChromium>;

/** A notebook open in the served app, its kernel ready. */
export interface OpenNotebook {
  page: Page;
  url: string;
  /** The tfjs backend the kernel chose. */
  backend: string | undefined;
  close(): Promise<void>;
}
/** Serves dist/ (built if missing), opens `#/notebook/<id>` in a fresh Chromium profile and waits for the kernel. */
export function openNotebook(id: string): Promise<OpenNotebook>;

/** Adds a cell after the last one with its "Add cell" button and types `code` into its editor; resolves with its id. */
export function addCell(page: Page, code: string): Promise<string>;
/** Runs the focused cell with Ctrl+Enter and waits until cell `id` ends; resolves with its status. */
export function runFocusedCell(page: Page, id: string, timeout: number, polling?: number): Promise<string | null>;
