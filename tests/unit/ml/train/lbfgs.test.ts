import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type Objective } from '../../../../src/ml/index';
import { rejection } from '../../helpers/errors';
import { isMlError } from '../../../../src/ml/index';

/** Rosenbrock's valley, f = (1 − a)² + 100·(b − a²)², minimum 0 at (1, 1). */
const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

/** f = ½·Σ dᵢ·(xᵢ − i)², an ill-conditioned bowl (d from 1 to 1,000) with its minimum at x = (0, 1, 2, …). */
function bowl(n: number): Objective {
  return (x, g) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const d = 10 ** ((3 * i) / (n - 1));
      g[i] = d * (x[i] - i);
      f += 0.5 * d * (x[i] - i) ** 2;
    }
    return f;
  };
}

describe('minimizeLbfgs', () => {
  it("finds the minimum of Rosenbrock's valley from the classic start (−1.2, 1)", async () => {
    const result = await minimizeLbfgs(rosenbrock, [-1.2, 1], { tol: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(1, 8);
    expect(result.f).toBeLessThan(1e-16);
    expect(result.iterations).toBeLessThan(100);
  });

  it('finds the minimum of an ill-conditioned quadratic and stops on the gradient tolerance', async () => {
    const result = await minimizeLbfgs(bowl(20), new Float64Array(20), { tol: 1e-9, ftol: 0 });
    expect(result.reason).toBe('gradient');
    expect(result.gradientMax).toBeLessThanOrEqual(1e-9);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(i, 8));
  });

  it('repeats exactly from the same start', async () => {
    const a = await minimizeLbfgs(rosenbrock, [-1.2, 1]);
    const b = await minimizeLbfgs(rosenbrock, [-1.2, 1]);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(b.evaluations).toBe(a.evaluations);
  });

  it('leaves the start untouched and stops at once where the gradient is already zero', async () => {
    const start = [1, 1];
    const result = await minimizeLbfgs(rosenbrock, start);
    expect(start).toEqual([1, 1]);
    expect(result).toMatchObject({ iterations: 0, evaluations: 1, reason: 'gradient', converged: true });
  });

  it('stops after maxIter, reporting that it did not converge', async () => {
    const result = await minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIter: 3 });
    expect(result).toMatchObject({ iterations: 3, reason: 'max-iterations', converged: false });
  });

  it('reports every iteration and stops when aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const result = await minimizeLbfgs(rosenbrock, [-1.2, 1], {
      signal: controller.signal,
      onIteration: (i, f) => {
        seen.push(f);
        if (i === 2) controller.abort();
      },
    });
    expect(result).toMatchObject({ iterations: 2, reason: 'aborted', converged: false });
    expect(seen.length).toBe(2);
    expect(seen[1]).toBeLessThan(seen[0]);
  });

  it('rejects an objective that is not finite at the start', async () => {
    const error = await rejection(minimizeLbfgs(() => NaN, [0]));
    expect(isMlError(error, 'not-finite')).toBe(true);
  });
});
