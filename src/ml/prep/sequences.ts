/**
 * Token ids for sequence models: texts to integer sequences over a vocabulary, and padding or
 * truncating them to one length for an embedding model.
 */
import { MlError } from '../core/errors';
import { checkDocs, type Vocabulary } from './vectorize';

/** Padding and truncation sides of {@link padSequences}; the defaults are Keras'. */
export interface PadOptions {
  padding?: 'pre' | 'post';
  truncating?: 'pre' | 'post';
  value?: number;
}

/** Maps each document's words to vocabulary indices (unknown words become 1, `<unk>`). */
export function textsToSequences(docsTokens: readonly (readonly string[])[], vocab: Vocabulary): number[][] {
  checkDocs(docsTokens, 'textsToSequences()');
  return docsTokens.map((doc) => doc.map((t) => vocab.index.get(t) ?? 1));
}

/**
 * Makes every sequence `maxLen` long (default: the longest), padding with `value` (default 0,
 * `<pad>`) and cutting the excess, both at the start by default as Keras does, so the words
 * nearest the end, which a recurrent layer sees last, are kept.
 */
export function padSequences(seqs: readonly (readonly number[])[], maxLen?: number, options: PadOptions = {}): number[][] {
  const { padding = 'pre', truncating = 'pre', value = 0 } = options;
  const len = maxLen ?? seqs.reduce((m, s) => Math.max(m, s.length), 0);
  if (!Number.isInteger(len) || len < 1) {
    throw new MlError('bad-argument', `padSequences(): maxLen must be a whole number of 1 or more, got ${len}.`);
  }
  return seqs.map((s) => {
    const cut = s.length <= len ? s.slice() : truncating === 'pre' ? s.slice(s.length - len) : s.slice(0, len);
    const fill = new Array<number>(len - cut.length).fill(value);
    return padding === 'pre' ? [...fill, ...cut] : [...cut, ...fill];
  });
}
