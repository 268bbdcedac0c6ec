/**
 * The toolkit cells call: `import { … } from "fieldbook/ml"`. This list is the public API; every
 * function behind it is plain TypeScript the learner can open and read in `src/ml/`, in folders
 * that follow the job: core/ data/ prep/ models/ train/ evaluate/ explain/ deploy/ charts/.
 */

// core/: randomness, errors, shared shapes, tensor hygiene
export { createRng, type Rng } from './core/random';
export { MlError, isMlError, type MlErrorCode } from './core/errors';
export type { CellValue, Row, Table, Matrix, Features } from './core/types';
export { disposeAll, countLeakedTensors } from './core/dispose';
export { nearestByEmbedding } from './core/similarity';
export {
  createCsr,
  toCsr,
  csrToDense,
  csrRow,
  selectCsrRows,
  sliceCsrRows,
  multiplyCsrVector,
  multiplyCsrTransposedVector,
  multiplyCsrMatrix,
  countNonZeros,
  isCsrMatrix,
  CsrBuilder,
  type CsrMatrix,
  type CsrParts,
  type FeatureMatrix,
} from './core/sparse';

// data/: generators, tables, CSV and the data-quality report
export { generateTransactions, merchantTypes, ageGroups } from './data/transactions';
export type { TransactionOptions, TransactionRow, TransactionInfo, CustomerProfile, TerminalProfile } from './data/transactions';
export { addRollingFeatures, listRollingFeatureNames, rollingWarmUpDays, type RollingOptions } from './data/rolling-features';
export { generateReviews, type ReviewOptions, type ReviewRow, type ReviewInfo } from './data/reviews';
export type { ReviewKind, ReviewSentence, AspectMention } from './data/review-drafts';
export { generateRatings, splitRatingsByTime, computeTrueRating, genres } from './data/ratings';
export type { RatingOptions, RatingRow, RatingInfo, RatingIssues, ItemProfile, UserProfile } from './data/ratings';
export { fitIdEncoder, globalTimeSplit, heldOutItems, type IdEncoder, type InteractionRow, type EncodedRow, type GlobalTimeSplit } from './data/interactions';
export {
  playProbability,
  simulatePlays,
  generatePlayLog,
  generateArrivals,
  type PlayModel,
  type Impression,
  type PlayLogOptions,
  type Arrivals,
} from './data/plays';
export { parseRatingsFile, parseTitlesFile, formatUData, type RatingFile, type FileRating, type FileLineError, type FileTitle } from './data/rating-files';
export {
  getRows,
  createTable,
  isMissing,
  getColumn,
  getNumericColumn,
  selectColumns,
  dropColumns,
  countValues,
  quantile,
  summarizeNumbers,
  describe,
} from './data/table';
export { parseCsv, readRecords, splitLines, type CsvSchema, type CsvColumn, type CsvResult, type CsvRowError, type CsvOptions } from './data/csv';
export { SCHEMAS, tabularSchema, getSchemaFeatures, findTimeColumn, findIdColumns, type TabularSchemaOptions } from './data/csv-schema';
export { detectDelimiter } from './data/csv-records';
export { qualityReport, inferColumnKind, type QualityReport, type ColumnQuality } from './data/quality';
export {
  loadSentences,
  parseSentences,
  parseTextCsv,
  readLabelledTexts,
  findDuplicates,
  duplicateKey,
  SENTENCES_CITATION,
  type SentenceSource,
  type SentenceSet,
  type LabelledText,
  type LabelledTexts,
  type TextLineError,
  type DuplicateGroup,
} from './data/sentences';

// prep/: imputing, encoding, scaling, pipelines, splits, text
export { fitImputer, type Imputer, type ImputeStrategy } from './prep/impute';
export { fitOneHot, fitIndexEncoder, MISSING_CATEGORY, type OneHotEncoder, type IndexEncoder } from './prep/encode';
export { fitStandardScaler, fitMinMaxScaler, logTransform, type Scaler } from './prep/scale';
export { fitPipeline, restorePipeline, type Pipeline, type PipelineOptions, type PipelineState } from './prep/pipeline';
export { trainTestSplit, timeSplit, kFold, stratifiedKFold } from './prep/split';
export { tokenize, ngrams, negationScope, type TokenizeOptions } from './prep/tokenize';
export {
  buildVocabulary,
  bagOfWords,
  bagOfWordsSparse,
  fitTfidf,
  restoreTfidf,
  type Vocabulary,
  type TfidfModel,
  type TfidfOptions,
  type TfidfState,
} from './prep/vectorize';
export { textsToSequences, padSequences } from './prep/sequences';

// models/: baselines and the models that beat them
export {
  ruleBaseline,
  majorityClass,
  globalMean,
  userItemBias,
  popularity,
  type RatingBaseline,
  type BiasBaseline,
  type PopularityBaseline,
} from './models/baselines';
export {
  topKFromScores,
  recommendFromScores,
  recommendForUsers,
  seenByUser,
  type Recommender,
  type RecommendOptions,
  type ScoredItem,
} from './models/recommender';
export { itemCooccurrence, type CooccurrenceModel, type CooccurrenceOptions } from './models/cooccurrence';
export { createImplicitModel, type ImplicitModel, type ImplicitModelOptions, type ImplicitFitOptions, type Interaction } from './models/implicit-als';
export type { FactorFitOptions, FactorFitResult, FactorLogs } from './models/factor-fit';
export { scoreSentiment, type SentimentScore } from './models/lexicon';
export { lexiconWeights } from './models/lexicon-words';
export { loadVader, type VaderScorer, type VaderScores } from './models/vader';
export type { BinaryClassifier } from './models/classifier';
export {
  createLogisticRegression,
  l2FromC,
  isLogisticRegression,
  type LogisticRegression,
  type LogisticOptions,
  type LogisticFitOptions,
  type LogisticFitReport,
  type LogisticCoefficients,
} from './models/logistic';
export { createMlp, type MlpOptions } from './models/mlp';
export {
  fitTextClassifier,
  saveTextClassifier,
  loadTextClassifier,
  isTextPipelineState,
  type TextClassifier,
  type TextClassifierOptions,
  type TextPipelineState,
  type TermWeight,
  type TokenAttribution,
} from './models/text-classifier';
export { createTextModel, isTextModel, type TextModel, type TextModelOptions } from './models/text-model';
export {
  createMatrixFactorization,
  ratingsToData,
  type MatrixFactorization,
  type MatrixFactorizationOptions,
  type MatrixFactorizationFitOptions,
  type Rating,
} from './models/matrix-factorization';

// train/: one training loop for every model
export { train } from './train/train';
export type { TrainOptions, TrainResult, TrainHistory, TrainPlan } from './train/types';
export { computeClassWeights, type ClassWeight } from './train/data';
export { installFastGatherGradient } from './train/gather-gradient';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type LbfgsStop, type Objective } from './train/lbfgs';

// evaluate/: metrics, thresholds, validation, tuning, fairness
export {
  confusionMatrix,
  binarize,
  accuracy,
  precision,
  recall,
  f1,
  classificationReport,
  rocCurve,
  rocAuc,
  precisionRecallCurve,
  averagePrecision,
  logLoss,
  brierScore,
} from './evaluate/classification';
export type { Confusion, ClassificationReport, RocCurve, PrecisionRecallCurve } from './evaluate/classification';
export { calibrationBins } from './evaluate/calibration';
export { costAtThreshold, optimalCostThreshold, thresholdSweep, thresholdForRecall, type ErrorCosts } from './evaluate/thresholds';
export {
  optimizeThreshold,
  type OperatingConstraints,
  type OperatingPointOptions,
  type OperatingPoint,
  type OperatingChoice,
} from './evaluate/operating-point';
export { mse, rmse, mae, r2 } from './evaluate/regression';
export {
  precisionAtK,
  recallAtK,
  ndcgAtK,
  mapAtK,
  hitRateAtK,
  catalogueCoverage,
  noveltyAtK,
  exposureCounts,
  giniCoefficient,
  exposureGini,
} from './evaluate/ranking';
export { rankingReport, scoreList, type RankingReport, type RankingReportOptions } from './evaluate/recommender-report';
export {
  replayFeedbackLoop,
  simulateAbTest,
  exposureStats,
  type ReplayCycle,
  type ReplayOptions,
  type AbTestResult,
  type AbArmSummary,
} from './evaluate/online';
export { crossValidate, learningCurve } from './evaluate/cross-validation';
export { gridSearch, randomSearch, type SearchResult, type Trial } from './evaluate/tuning';
export {
  groupMetrics,
  fairnessGaps,
  compareGroupRates,
  rateCounts,
  type GroupMetrics,
  type FairnessGap,
  type GroupRate,
  type GroupComparison,
} from './evaluate/fairness';
export {
  minimumFunctionality,
  invariance,
  directional,
  runBehaviourTests,
  summariseByCapability,
  expandTemplate,
  addTypo,
  replaceWord,
  type BehaviourTest,
  type BehaviourResult,
  type CapabilitySummary,
  type LabelledCase,
  type PerturbedPair,
  type TextPredictor,
} from './evaluate/behaviour';
export { cohenKappa, fleissKappa, interpretKappa, majorityVote, softLabels, unanimousShare, type RatingValue } from './evaluate/agreement';
export {
  bootstrap,
  bootstrapMetric,
  pairedBootstrap,
  binomialInterval,
  fisherExact,
  normalQuantile,
  type Interval,
  type BootstrapOptions,
  type PairedComparison,
} from './evaluate/intervals';
export { resampledAveragePrecision } from './evaluate/resampled-metrics';

// explain/: what a model learned and why it said what it said
export { permutationImportance, type FeatureImportance } from './explain/importance';
export {
  logisticContributions,
  describeContributions,
  shapleyContributions,
  toLogOdds,
  type Contribution,
  type Attribution,
  type ShapleyExplanation,
  type ShapleyOptions,
} from './explain/contributions';
export { wordAttributions, occlusionScorer, type WordAttribution } from './explain/words';
export { projectEmbeddings } from './explain/embedding-map';

// deploy/: save, load, serve, measure, monitor
export {
  saveModel,
  loadModel,
  loadRecommender,
  removeModel,
  listMemoryModels,
  predictOne,
  predictBatch,
  type ServingMetadata,
  type SavableRecommender,
  type LoadedRecommender,
} from './deploy/serving';
export { measureLatency, percentile, type LatencyReport } from './deploy/latency';
export { psi, psiDetails, interpretPsi, ksTest, oovRate, countUnknownTokens, metricsByWindow } from './deploy/drift';

// charts/: plain chart specs the page draws
export { isChartSpec, type ChartSpec, type ChartSeries, type XYChartSpec, type HistogramSpec, type HeatmapSpec, type AxisSpec } from './charts/spec';
export { lineChart, scatterChart, barChart, distributionChart, histogramChart, featureImportanceChart, learningCurveChart } from './charts/basic';
export { rocChart, prChart, confusionMatrixChart, calibrationChart, thinCurve } from './charts/evaluation';
export { historyChart, trainingViewCharts, type TrainingViewChartOptions } from './charts/training';
