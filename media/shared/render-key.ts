/**
 * Remembers what a view was last drawn from, so a render pass skips views whose inputs did not
 * change (most events touch the loss curves but not the scaling-law grid).
 */
export class RenderKey {
  private last: string | null = null;

  /** True (and remembered) when `key` differs from the previous call's. */
  changed(key: string): boolean {
    if (key === this.last) return false;
    this.last = key;
    return true;
  }
}
