/**
 * How many of a notebook's cells (prose and code) are in the page. A notebook of ordinary length
 * has all of them from its first render. A long one (an imported notebook of thousands of cells)
 * starts with its first few hundred and gets the next slice each frame: creating the elements of
 * two thousand cells in one task took a quarter of a second, most of it the browser's own work of
 * building and inserting them, which no budget inside a cell can shorten.
 */

/** Cells put in the page at once; a notebook up to this long is there whole from the start. */
const FIRST = 240;
/** Cells added per frame after that. */
const PER_FRAME = 120;

/** The count of a long list's items to render, grown a slice per frame until the whole list is there. */
export class GrowingList {
  private shown = FIRST;
  private complete = false;
  private frame = 0;

  constructor(private readonly requestUpdate: () => void) {}

  /** Starts again from the first slice (another notebook, or the same one opened afresh). */
  reset(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.shown = FIRST;
    this.complete = false;
  }

  /** Whether a list of `total` items is long: one that grows a slice per frame. */
  static isLong(total: number): boolean {
    return total > FIRST;
  }

  /** How many of `total` items the render should show now (all of them once the list has grown to its end). */
  count(total: number): number {
    if (this.complete || total <= this.shown) {
      // From here on the list shows everything (a cell added later is shown at once).
      this.complete = true;
      return total;
    }
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.shown += PER_FRAME;
      this.requestUpdate();
    });
    return this.shown;
  }

  /** Stops growing (the host left the page). */
  stop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
