/**
 * What `ado train` shows while it works, on stderr: a bar for tokenising (bytes) and then one for
 * training (steps, tokens/s, ETA, loss, the domains the policy currently favours). Without a
 * terminal (logs, CI) it prints a plain line every 5 % instead of redrawing a bar.
 */
import { MultiBar, type SingleBar } from 'cli-progress';
import type { RunEventBody } from '../../shared/run-events';
import type { PrepareProgress } from '../data';
import { EtaEstimate } from './eta';
import { compactNumber, duration, topDomains } from './progress-format';

export interface TrainProgress {
  preparing(progress: PrepareProgress): void;
  event(event: RunEventBody): void;
  /** A line above the bars (e.g. a warning). */
  note(line: string): void;
  stop(): void;
}

/** Smooths the noisy per-batch loss for display. */
const LOSS_SMOOTHING = 0.9;

export function trainProgress(stream: NodeJS.WriteStream): TrainProgress {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

/** Shows nothing but notes (for --quiet and --json). */
export function silentProgress(stream: NodeJS.WritableStream): TrainProgress {
  return { preparing: () => {}, event: () => {}, note: (line) => stream.write(line + '\n'), stop: () => {} };
}

/** Follows the run's events and keeps what the display needs. */
class ProgressState {
  domains: string[] = [];
  totalSteps = 0;
  smoothedLoss: number | undefined;
  validation: number | undefined;

  apply(event: RunEventBody): void {
    if (event.type === 'meta') {
      this.domains = event.domains;
      this.totalSteps = event.totalSteps ?? 0;
    } else if (event.type === 'step' && event.loss !== null) {
      this.smoothedLoss = this.smoothedLoss === undefined ? event.loss : LOSS_SMOOTHING * this.smoothedLoss + (1 - LOSS_SMOOTHING) * event.loss;
    } else if (event.type === 'eval') {
      this.validation = event.uniform;
    }
  }

  describe(event: Extract<RunEventBody, { type: 'step' }>): string {
    return [
      event.tokensPerSecond ? `${compactNumber(event.tokensPerSecond)} tok/s` : '',
      this.smoothedLoss !== undefined ? `loss ${this.smoothedLoss.toFixed(3)}` : '',
      this.validation !== undefined ? `val ${this.validation.toFixed(3)}` : '',
      topDomains(this.domains, event.weights),
    ]
      .filter(Boolean)
      .join(' · ');
  }
}

class BarProgress implements TrainProgress {
  private readonly bars: MultiBar;
  private tokenising: SingleBar | undefined;
  private training: SingleBar | undefined;
  private readonly state = new ProgressState();
  // cli-progress's own ETA averages from the start and prints "NFs" or "53m60s" at the edges.
  private readonly trainingEta = new EtaEstimate();

  constructor(stream: NodeJS.WriteStream) {
    this.bars = new MultiBar({
      stream,
      format: '{label} |{bar}| {progress} · {details}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
    });
  }

  preparing({ domain, bytesDone, bytesTotal }: PrepareProgress): void {
    this.tokenising ??= this.bars.create(bytesTotal, 0, { label: 'tokenise', progress: '', details: '' });
    this.tokenising.setTotal(bytesTotal);
    this.tokenising.update(bytesDone, { progress: `${compactNumber(bytesDone)}/${compactNumber(bytesTotal)} bytes`, details: domain });
  }

  event(event: RunEventBody): void {
    this.state.apply(event);
    if (event.type === 'meta') {
      this.tokenising?.stop();
      this.training ??= this.bars.create(this.state.totalSteps, 0, { label: 'train   ', progress: '', details: 'starting' });
    } else if (event.type === 'step') {
      this.trainingEta.update(Date.now(), event.step + 1);
      this.training?.update(event.step + 1, {
        progress: `${event.step + 1}/${this.state.totalSteps} steps`,
        details: `${this.trainingEta.describe(this.state.totalSteps)} · ${this.state.describe(event)}`,
      });
    } else if (event.type === 'log' && event.level !== 'info') {
      this.note(`${event.level}: ${event.message}`);
    }
  }

  note(line: string): void {
    this.bars.log(line + '\n');
  }

  stop(): void {
    this.bars.stop();
  }
}

class LineProgress implements TrainProgress {
  private readonly state = new ProgressState();
  private readonly started = Date.now();
  private readonly eta = new EtaEstimate();
  private lastPrepared = '';

  constructor(private readonly stream: NodeJS.WritableStream) {}

  preparing({ domain, bytesDone, bytesTotal }: PrepareProgress): void {
    if (bytesDone < bytesTotal || domain === this.lastPrepared) return;
    this.lastPrepared = domain;
    this.note(`tokenised ${domain} (${compactNumber(bytesTotal)} bytes)`);
  }

  event(event: RunEventBody): void {
    this.state.apply(event);
    if (event.type === 'step') {
      this.eta.update(Date.now(), event.step + 1);
      const every = Math.max(1, Math.round(this.state.totalSteps / 20));
      if ((event.step + 1) % every === 0 || event.step + 1 === this.state.totalSteps) {
        this.note(`step ${event.step + 1}/${this.state.totalSteps} · ${duration(Date.now() - this.started)} · ${this.eta.describe(this.state.totalSteps)} · ${this.state.describe(event)}`);
      }
    } else if (event.type === 'log' && event.level !== 'info') {
      this.note(`${event.level}: ${event.message}`);
    }
  }

  note(line: string): void {
    this.stream.write(line + '\n');
  }

  stop(): void {}
}
