/**
 * Coalesces changes into one render per animation frame: a hidden panel gets no frames, so it does
 * no work. Live data asks with `requestLive`, which also keeps renders at least `liveIntervalMs`
 * apart: a run streams events faster than 22-domain charts are worth redrawing, while the user's
 * own actions (legend, slider, theme) still redraw in the next frame.
 */
export class FrameBatcher {
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRender = -Infinity;

  constructor(
    private readonly render: () => void,
    private readonly liveIntervalMs: number,
  ) {}

  /** True while a render is scheduled: what is on screen lags behind the data. */
  get pending(): boolean {
    return this.frame !== null || this.timer !== null;
  }

  request(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.frame ??= requestAnimationFrame(() => this.run());
  }

  requestLive(): void {
    if (this.pending) return;
    const wait = this.lastRender + this.liveIntervalMs - performance.now();
    if (wait <= 0) this.request();
    else
      this.timer = setTimeout(() => {
        this.timer = null;
        this.request();
      }, wait);
  }

  private run(): void {
    this.frame = null;
    this.lastRender = performance.now();
    this.render();
  }
}
