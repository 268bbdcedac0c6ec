/**
 * The toolkit cells call: `import { … } from "fieldbook/ml"`. This list is the public API; every
 * function behind it is plain TypeScript the learner can open and read in `src/ml/`.
 */

// Randomness, errors and shared shapes
export { createRng, type Rng } from './random';
export { MlError, isMlError, type MlErrorCode } from './errors';
export type { CellValue, Row, Table, Matrix, Features } from './types';
export { isChartSpec, type ChartSpec, type ChartSeries, type XYChartSpec, type HistogramSpec, type HeatmapSpec, type AxisSpec } from './chart-spec';

// Data generators
export { generateTransactions, addRollingFeatures, listRollingFeatureNames, merchantTypes, ageGroups } from './generate-transactions';
export type { TransactionOptions, TransactionRow, TransactionInfo, CustomerProfile, TerminalProfile, RollingOptions } from './generate-transactions';
export { generateReviews, type ReviewOptions, type ReviewRow, type ReviewInfo, type ReviewKind } from './generate-reviews';
export { generateRatings, splitRatingsByTime, computeTrueRating, genres } from './generate-ratings';
export type { RatingOptions, RatingRow, RatingInfo, ItemProfile, UserProfile } from './generate-ratings';

// Tables, CSV and data quality
export { getRows, createTable, isMissing, getColumn, getNumericColumn, selectColumns, dropColumns, countValues, quantile, summarizeNumbers, describe } from './table';
export { parseCsv, SCHEMAS, tabularSchema, getSchemaFeatures, type CsvSchema, type CsvColumn, type CsvResult, type CsvRowError } from './csv';
export { qualityReport, inferColumnKind, type QualityReport, type ColumnQuality } from './quality';

// Preprocessing and splits
export { fitImputer, fitOneHot, fitIndexEncoder, fitStandardScaler, fitMinMaxScaler, logTransform, MISSING_CATEGORY } from './preprocess';
export type { Imputer, OneHotEncoder, IndexEncoder, Scaler, ImputeStrategy } from './preprocess';
export { fitPipeline, restorePipeline, type Pipeline, type PipelineOptions, type PipelineState } from './pipeline';
export { trainTestSplit, timeSplit, kFold, stratifiedKFold } from './split';

// Text
export { tokenize, ngrams, negationScope, buildVocabulary, bagOfWords, textsToSequences, padSequences, fitTfidf } from './text';
export type { Vocabulary, TfidfModel, TfidfOptions, TokenizeOptions } from './text';
export { scoreSentiment, lexiconWeights, type SentimentScore } from './lexicon';

// Models, baselines and training
export { createLogisticRegression, l2FromC, isLogisticRegression, type LogisticRegression, type LogisticOptions } from './logistic';
export { createMlp, type MlpOptions, type BinaryClassifier } from './mlp';
export { createTextModel, isTextModel, type TextModel, type TextModelOptions } from './text-model';
export { createMatrixFactorization, ratingsToData, type MatrixFactorization, type MatrixFactorizationOptions, type Rating } from './matrix-factorization';
export { ruleBaseline, majorityClass, globalMean, userItemBias, popularity } from './baselines';
export { train, historyChart, type TrainOptions, type TrainResult, type TrainHistory } from './train';
export { computeClassWeights, type ClassWeight } from './train-data';
export { installFastGatherGradient } from './gather-gradient';
export { disposeAll, countLeakedTensors } from './dispose';

// Metrics
export { confusionMatrix, binarize, accuracy, precision, recall, f1, classificationReport, rocCurve, rocAuc, precisionRecallCurve, averagePrecision, logLoss, brierScore } from './metrics';
export type { Confusion, ClassificationReport, RocCurve, PrecisionRecallCurve } from './metrics';
export { calibrationBins, costAtThreshold, optimalCostThreshold, thresholdSweep, thresholdForRecall, type ErrorCosts } from './curves';
export { mse, rmse, mae, r2 } from './metrics-regression';
export { precisionAtK, recallAtK, ndcgAtK, catalogueCoverage } from './metrics-ranking';

// Validation and tuning
export { crossValidate, learningCurve, gridSearch, randomSearch, type SearchResult, type Trial } from './validation';

// Explanation and fairness
export { permutationImportance, logisticContributions, describeContributions, wordAttributions, occlusionScorer, nearestByEmbedding } from './explain';
export type { FeatureImportance, Contribution, WordAttribution } from './explain';
export { groupMetrics, fairnessGaps, type GroupMetrics, type FairnessGap } from './fairness';

// Monitoring
export { psi, psiDetails, interpretPsi, ksTest, oovRate, countUnknownTokens, metricsByWindow } from './drift';

// Serving
export { saveModel, loadModel, removeModel, listMemoryModels, predictOne, predictBatch, measureLatency, percentile, type LatencyReport, type ServingMetadata } from './serving';

// Charts
export { rocChart, prChart, confusionMatrixChart, calibrationChart, thinCurve } from './chart-builders';
export { lineChart, scatterChart, barChart, distributionChart, histogramChart, featureImportanceChart, learningCurveChart } from './chart-builders-basic';
