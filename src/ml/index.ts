/**
 * The toolkit cells call (`import { ... } from "fieldbook/ml"`). This list is the public API.
 */
export { createRng, type Rng } from './random';
export { MlError, isMlError, type MlErrorCode } from './errors';
export { isChartSpec, type ChartSpec, type ChartSeries, type XYChartSpec, type HistogramSpec, type HeatmapSpec, type AxisSpec } from './chart-spec';
export type { CellValue, Row, Table, Matrix, Features } from './types';
export { mse, rmse, mae, r2 } from './metrics-regression';
