/** Types for the `vader-sentiment` package (a CommonJS bundle that ships none). */
declare module 'vader-sentiment' {
  /** VADER's four scores for one text. */
  export interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }
  /** The analyser: a plain object with one static method. */
  export const SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores };
}
