/**
 * The host half of a dashboard panel, free of VS Code so tests can drive it against a real daemon:
 * it answers the webview's requests through the daemon link and forwards each attached run as a
 * summary, a downsampled backfill, then its live events, batched so the webview is not flooded.
 *
 * Ordering: the subscription starts at the seq `runs.get` reported and the history is read after
 * `runs.get`, so no event falls between the two (they are requested together); the webview drops
 * what the history already covers.
 */
import { trimHistory, type HistoryTrim } from '../../shared/history-trim';
import type { RunEvent } from '../../shared/run-events';
import { HISTORY_POINTS } from '../../media/charts/curve-series';
import type { RunHistory } from '../../media/charts/run-data';
import type { DashboardToHost, HostToDashboard } from '../../media/shared/dashboard-messages';
import type { DaemonLink, Disposable } from './daemon-link';

/**
 * The history as the page draws it: the newest fit's points only, and bucket means to five
 * significant digits (far below a chart's pixel or a four-digit label). The history crosses the
 * host–webview bridge as JSON (in code-server, over the network), and its size is most of what
 * the first render waits for.
 */
export const HISTORY_TRIM: HistoryTrim = { fitPoints: 'newest', digits: 5 };

/** Live events are forwarded at most this often per run. */
const EVENT_BATCH_MS = 50;

export type SaveExport = (format: 'png' | 'csv', fileName: string, data: string) => Promise<void>;

interface Attachment {
  runId: string;
  subscription: Disposable | null;
  /** Events waiting for the history to be posted first, then for the next batch. */
  pending: RunEvent[];
  historyPosted: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** Set on detach, so late answers for this attachment are dropped. */
  closed: boolean;
}

export class DashboardRelay {
  private readonly attachments = new Map<string, Attachment>();
  private runOrder: string[];

  constructor(
    private readonly link: DaemonLink,
    private readonly post: (message: HostToDashboard) => void,
    private readonly save: SaveExport,
    runIds: readonly string[],
  ) {
    this.runOrder = [...runIds];
  }

  /** The attached runs, in overlay order. */
  get runIds(): readonly string[] {
    return this.runOrder;
  }

  async handle(message: DashboardToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A (re)loaded page starts empty: send everything again, one run after the other so the
        // overlay keeps its order.
        for (const runId of this.runOrder) await this.attach(runId);
        return;
      case 'attach':
        if (!this.runOrder.includes(message.runId)) this.runOrder.push(message.runId);
        return this.attach(message.runId);
      case 'detach':
        this.close(message.runId);
        this.runOrder = this.runOrder.filter((id) => id !== message.runId);
        return;
      case 'listRuns':
        return this.guard(undefined, 'list the daemon\'s runs', async () => this.post({ type: 'runs', runs: (await this.link.request('runs.list', {})).runs }));
      case 'resume':
        return this.guard(message.runId, 'resume the run', async () => this.post({ type: 'run', run: (await this.link.request('runs.resume', { runId: message.runId })).run }));
      case 'export':
        return this.guard(undefined, `save ${message.fileName}`, () => this.save(message.format, message.fileName, message.data));
    }
  }

  dispose(): void {
    for (const runId of [...this.attachments.keys()]) this.close(runId);
  }

  private async attach(runId: string): Promise<void> {
    this.close(runId);
    const attachment: Attachment = { runId, subscription: null, pending: [], historyPosted: false, timer: null, closed: false };
    this.attachments.set(runId, attachment);
    await this.guard(runId, 'load the run', async () => {
      const { run } = await this.link.request('runs.get', { runId });
      if (attachment.closed) return;
      this.post({ type: 'run', run });
      const subscribed = this.link.subscribe(runId, run.lastSeq, (event) => this.enqueue(attachment, event)).then((subscription) => {
        if (attachment.closed) subscription.dispose();
        else attachment.subscription = subscription;
      });
      const [, history] = await Promise.all([subscribed, this.history(runId)]);
      if (attachment.closed) return;
      this.post({ type: 'history', runId, history, coveredSeq: run.lastSeq });
      attachment.historyPosted = true;
      this.flush(attachment);
    });
  }

  private async history(runId: string): Promise<RunHistory> {
    const request = { runId, maxPoints: HISTORY_POINTS };
    if (this.link.capabilities().includes('history-trim')) return this.link.request('runs.history', { ...request, ...HISTORY_TRIM });
    // An older daemon refuses the trim parameters: trim its full answer here instead.
    return trimHistory(await this.link.request('runs.history', request), HISTORY_TRIM);
  }

  private enqueue(attachment: Attachment, event: RunEvent): void {
    if (attachment.closed) return;
    attachment.pending.push(event);
    if (attachment.historyPosted && !attachment.timer) attachment.timer = setTimeout(() => this.flush(attachment), EVENT_BATCH_MS);
  }

  private flush(attachment: Attachment): void {
    attachment.timer = null;
    if (attachment.pending.length === 0 || attachment.closed) return;
    this.post({ type: 'events', runId: attachment.runId, events: attachment.pending });
    attachment.pending = [];
  }

  private close(runId: string): void {
    const attachment = this.attachments.get(runId);
    if (!attachment) return;
    attachment.closed = true;
    attachment.subscription?.dispose();
    if (attachment.timer) clearTimeout(attachment.timer);
    this.attachments.delete(runId);
  }

  /** Failures become a sentence in the dashboard instead of a silent blank chart. */
  private async guard(runId: string | undefined, action: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.post({ type: 'error', runId, message: `Could not ${action}${runId ? ` ${runId}` : ''}: ${reason}` });
    }
  }
}
