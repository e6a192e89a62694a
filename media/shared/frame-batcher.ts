/**
 * Coalesces any number of changes into one render per animation frame: a live run sends events
 * faster than it is useful to redraw, and a hidden panel gets no frames at all, so it does no work.
 */
export class FrameBatcher {
  private scheduled = false;

  constructor(private readonly render: () => void) {}

  /** True while a render is scheduled: what is on screen lags behind the data. */
  get pending(): boolean {
    return this.scheduled;
  }

  request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }
}
