/**
 * VADER (Hutto & Gilbert, ICWSM 2014), the field's standard rule-based sentiment baseline, from
 * the `vader-sentiment` package (the JavaScript port by Comcast, Apache-2.0). It is loaded on first
 * use as a separate chunk, because its 7,500-entry lexicon would otherwise weigh on every
 * notebook's kernel start; in the browser and in Node it needs no network.
 */
import { MlError } from '../core/errors';

/** VADER's scores: shares of negative, neutral and positive text, and the compound score in [−1, 1]. */
export interface VaderScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

/** A loaded VADER analyser. */
export interface VaderScorer {
  /** All four scores of one text. */
  scores(text: string): VaderScores;
  /** The compound score of each text, in [−1, 1]. */
  compound(texts: readonly string[]): number[];
  /**
   * 0/1 labels: 1 when the compound score is at least `threshold` (default 0.05, VADER's own
   * cut-off for "positive"), so texts VADER finds neutral count as negative.
   */
  predict(texts: readonly string[], threshold?: number): number[];
  /** The compound score mapped to [0, 1] ((compound + 1) / 2), to sit beside probabilities in ROC curves. */
  predictProba(texts: readonly string[]): number[];
}

type Analyzer = { polarity_scores(text: string): VaderScores };

let loading: Promise<Analyzer> | null = null;

async function importAnalyzer(): Promise<Analyzer> {
  const mod = (await import('vader-sentiment')) as unknown as {
    SentimentIntensityAnalyzer?: Analyzer;
    default?: { SentimentIntensityAnalyzer?: Analyzer };
  };
  const analyzer = mod.SentimentIntensityAnalyzer ?? mod.default?.SentimentIntensityAnalyzer;
  if (!analyzer) throw new MlError('not-fitted', 'The vader-sentiment package did not provide SentimentIntensityAnalyzer.');
  return analyzer;
}

function checkTexts(texts: readonly string[], caller: string): void {
  if (!Array.isArray(texts)) throw new MlError('wrong-type', `${caller} needs an array of texts.`);
  texts.forEach((t, i) => {
    if (typeof t !== 'string') throw new MlError('wrong-type', `${caller}: item ${i} is ${typeof t}, not a string.`);
  });
}

/** Loads VADER once (later calls reuse it) and returns a synchronous scorer. */
export async function loadVader(): Promise<VaderScorer> {
  loading ??= importAnalyzer().catch((e: unknown) => {
    loading = null;
    throw new MlError('not-fitted', 'Could not load the VADER lexicon.', { cause: e });
  });
  const analyzer = await loading;
  const compound = (texts: readonly string[]): number[] => {
    checkTexts(texts, 'vader.compound()');
    return texts.map((t) => analyzer.polarity_scores(t).compound);
  };
  return {
    scores(text) {
      if (typeof text !== 'string') throw new MlError('wrong-type', `vader.scores() needs a string, got ${typeof text}.`);
      const { neg, neu, pos, compound: c } = analyzer.polarity_scores(text);
      return { neg, neu, pos, compound: c };
    },
    compound,
    predict: (texts, threshold = 0.05) => compound(texts).map((c) => (c >= threshold ? 1 : 0)),
    predictProba: (texts) => compound(texts).map((c) => (c + 1) / 2),
  };
}
