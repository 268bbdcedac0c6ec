/**
 * Every series colour must be visible on the background its theme draws charts on (a cell's
 * `--surface` in styles.css): WCAG 1.4.11 asks 3:1 for graphical objects. The palettes must also
 * stay what Okabe–Ito is for: told apart by readers with colour-vision deficiencies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PALETTE, PALETTE_DARK, paletteFor, type ColorScheme } from '../../../src/charts/index';

const STYLES = readFileSync(join(__dirname, '../../../src/ui/styles.css'), 'utf8');

/** A CSS variable of the light theme (`:root`) or the dark one (`@media (prefers-color-scheme: dark)`). */
function themeVariable(name: string, scheme: ColorScheme): string {
  const darkAt = STYLES.indexOf('@media (prefers-color-scheme: dark)');
  const block = scheme === 'dark' ? STYLES.slice(darkAt) : STYLES.slice(0, darkAt);
  const value = new RegExp(`${name}:\\s*(#[0-9a-fA-F]{6})`).exec(block)?.[1];
  if (!value) throw new Error(`styles.css has no ${name} for the ${scheme} theme`);
  return value;
}

/** sRGB channels of `#rrggbb`, linearised (WCAG 2.x). */
function linear(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const channel = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return [channel(((n >> 16) & 255) / 255), channel(((n >> 8) & 255) / 255), channel((n & 255) / 255)];
}

/** WCAG relative luminance of a linear sRGB colour. */
const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/** WCAG contrast ratio, 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(linear(a)), luminance(linear(b))].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Machado, Oliveira & Fernandes (2009) full-severity simulations, on linear sRGB. */
const VISION: Record<string, number[][]> = {
  typical: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** CIELAB (D65) of a linear sRGB colour. */
function lab([r, g, b]: number[]): [number, number, number] {
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** The smallest CIE76 colour difference between two of `palette`'s colours, as `vision` sees them. */
function closestPair(palette: readonly string[], vision: number[][]): number {
  const seen = palette.map((hex) =>
    lab(vision.map((row) => Math.min(1, Math.max(0, row[0] * linear(hex)[0] + row[1] * linear(hex)[1] + row[2] * linear(hex)[2])))),
  );
  let closest = Infinity;
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) closest = Math.min(closest, Math.hypot(...seen[i].map((v, k) => v - seen[j][k])));
  return closest;
}

const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

describe('the measures this test relies on', () => {
  it('gives the WCAG reference contrasts', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 6);
    // #767676 is the lightest grey with 4.5:1 on white (the AA text threshold).
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(lab(linear('#ffffff'))).toEqual([expect.closeTo(100, 2), expect.closeTo(0, 1), expect.closeTo(0, 1)]);
  });

  it('finds the defect: Okabe–Ito black on the dark theme, yellow on the light one', () => {
    expect(closestPair(OKABE_ITO, VISION.tritanopia)).toBeCloseTo(16.1, 1);
    expect(contrast('#000000', themeVariable('--surface', 'dark'))).toBeLessThan(1.5);
    expect(contrast('#F0E442', themeVariable('--surface', 'light'))).toBeLessThan(1.5);
  });
});

describe('the series palettes', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`give every ${scheme} colour at least 3:1 against the ${scheme} chart background`, () => {
      const background = themeVariable('--surface', scheme);
      const palette = paletteFor(scheme);
      expect(palette).toHaveLength(8);
      const low = palette.filter((c) => contrast(c, background) < 3).map((c) => `${c} ${contrast(c, background).toFixed(2)}:1`);
      expect(low, `on ${background}`).toEqual([]);
    });

    it(`keep the ${scheme} colours as far apart for colour-blind readers as Okabe–Ito's`, () => {
      for (const [vision, matrix] of Object.entries(VISION)) {
        // Okabe–Ito's own closest pair (green and sky blue under tritanopia) is 16.1 apart.
        expect(closestPair(paletteFor(scheme), matrix), vision).toBeGreaterThanOrEqual(15);
      }
    });
  }

  it('keep Okabe–Ito as published on the dark theme, black swapped for a light grey', () => {
    expect(PALETTE_DARK.slice(0, 7)).toEqual(OKABE_ITO.slice(0, 7));
    expect(PALETTE_DARK[7]).toBe('#DDDDDD');
    expect(paletteFor('light')).toBe(PALETTE);
  });
});
