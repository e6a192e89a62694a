/**
 * Stops the daemon once no client has been connected for a grace period. The VS Code window that
 * started a daemon asks for this when it closes: a reload closes the window too, and the reloaded
 * window attaches again within the grace, so its trainings go on; after a real close they stop.
 */
const CHECK_INTERVAL_MS = 1000;

export class UnusedShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clientCount: () => number,
    private readonly stop: (graceMs: number) => void,
  ) {}

  /** A second request replaces the first's grace. */
  arm(graceMs: number): void {
    this.cancel();
    let unusedSince: number | undefined;
    this.timer = setInterval(() => {
      if (this.clientCount() > 0) unusedSince = undefined;
      else if ((unusedSince ??= Date.now()) + graceMs <= Date.now()) {
        this.cancel();
        this.stop(graceMs);
      }
    }, Math.min(CHECK_INTERVAL_MS, Math.max(graceMs, 10)));
    this.timer.unref();
  }

  cancel(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
