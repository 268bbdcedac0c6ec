/**
 * One seeded random generator for the whole toolkit, so every notebook run is reproducible.
 * mulberry32: tiny, fast, and good enough for simulation and shuffling (not for cryptography).
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform float in [min, max). */
  uniform(min?: number, max?: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller), scaled to mean/sd. */
  normal(mean?: number, sd?: number): number;
  /** Log-normal: exp(normal(mu, sigma)). */
  logNormal(mu: number, sigma: number): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
  /** Poisson-distributed integer with mean lambda (Knuth for small, normal approximation for large). */
  poisson(lambda: number): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One index drawn with probability proportional to weights. */
  weightedIndex(weights: readonly number[]): number;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** A seed for a derived generator, so sub-simulations stay independent of call order. */
  fork(): Rng;
}

/** Creates a generator from an integer seed; the same seed always yields the same sequence. */
export function createRng(seed = 42): Rng {
  let state = seed >>> 0;
  let spareNormal: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean = 0, sd = 1): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    uniform: (min = 0, max = 1) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal,
    logNormal: (mu, sigma) => Math.exp(normal(mu, sigma)),
    exponential: (rate) => -Math.log(1 - next()) / rate,
    poisson(lambda) {
      if (lambda > 30) return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    bernoulli: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[Math.floor(next() * items.length)];
    },
    weightedIndex(weights) {
      let total = 0;
      for (const w of weights) total += w;
      if (!(total > 0)) throw new RangeError('weightedIndex() needs positive weights');
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i];
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    fork: () => createRng(Math.floor(next() * 4294967296)),
  };
  return rng;
}
