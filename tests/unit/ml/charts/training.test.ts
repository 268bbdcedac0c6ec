import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { historyChart } from '../../../../src/ml/index';

expectNoTensorLeaks();

describe('historyChart', () => {
  it('draws one line per recorded metric, validation dashed', () => {
    const chart = historyChart({ epoch: [0, 1], loss: [0.7, 0.5], val_loss: [0.72, 0.6] });
    expect(chart.series.map((s) => [s.label, s.y, s.dashed])).toEqual([
      ['loss', [0.7, 0.5], false],
      ['val_loss', [0.72, 0.6], true],
    ]);
  });
});
