/**
 * Turning errors into words: `errorMessage` for a message shown in place (a storage banner, an
 * import problem), `describeError` for the page's error sink, which keeps the stack and the chain
 * of causes so an app bug can be reported with everything needed to find it.
 */

/** The message of an error, or of whatever was thrown (for a message the learner reads in place). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : String(error);
}

/** What the error sink shows: the message, then each stack (the error's and its causes'). */
export interface DescribedError {
  message: string;
  details: string;
}

/** Describes an error for the page's error sink, stack and causes kept. */
export function describeError(error: unknown): DescribedError {
  const details: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && !seen.has(e) && details.length < 5; e = e instanceof Error ? e.cause : undefined) {
    seen.add(e);
    const head = details.length ? 'Caused by: ' : '';
    details.push(head + (e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)));
  }
  return { message: errorMessage(error), details: details.join('\n') };
}
