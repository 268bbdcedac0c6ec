import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GrowingList } from '../../../src/ui/growing-list';

/** Frames run by hand: the callbacks requestAnimationFrame was given, run by `frame()`. */
let frames: FrameRequestCallback[] = [];
const frame = () => {
  const now = frames;
  frames = [];
  for (const f of now) f(0);
};

beforeEach(() => {
  frames = [];
  globalThis.requestAnimationFrame = (f) => frames.push(f);
  globalThis.cancelAnimationFrame = () => (frames = []);
});
afterEach(() => {
  delete (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame;
  delete (globalThis as { cancelAnimationFrame?: unknown }).cancelAnimationFrame;
});

describe('GrowingList', () => {
  it('shows a notebook of ordinary length whole, at once, and asks for no more renders', () => {
    let renders = 0;
    const list = new GrowingList(() => renders++);
    expect(list.count(150)).toBe(150);
    expect(frames).toHaveLength(0);
    expect(renders).toBe(0);
  });

  it('shows a long one a slice per frame until all of it is there, then every cell added later at once', () => {
    let renders = 0;
    const list = new GrowingList(() => renders++);
    const shown = [list.count(2000)];
    while (frames.length) {
      frame();
      shown.push(list.count(2000));
    }
    expect(shown[0]).toBe(240);
    expect(shown[1]).toBe(360);
    expect(shown.at(-1)).toBe(2000);
    expect(shown.every((n, i) => i === 0 || n > shown[i - 1])).toBe(true);
    expect(renders).toBe(shown.length - 1);
    expect(list.count(2001)).toBe(2001);
  });

  it('starts again from the first slice for the next notebook', () => {
    const list = new GrowingList(() => {});
    list.count(100);
    list.reset();
    expect(list.count(1000)).toBe(240);
  });
});
