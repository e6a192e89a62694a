/**
 * What `ado compare` shows while it trains: on a terminal, one progress bar per run ("run 3/10
 * ado@balanced seed 2", steps, loss, tokens/s, ETA), finished bars kept as a record; in a log file
 * (nohup, CI), a plain line when a run trains its first step, when it ends, and every half minute
 * in between (a daemon may queue a submitted run for a long time before it starts).
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { formatDuration, formatLoss } from '../../media/charts/format';
import type { RunEventBody } from '../../shared/run-events';
import type { PlannedRun } from './plan';
import type { CompareProgress } from './run-comparison';
import type { CompareRunResult } from './results-file';

const LOG_INTERVAL_MS = 30_000;

export interface ClosableProgress extends CompareProgress {
  close(): void;
}

export function compareProgress(plan: readonly PlannedRun[], stream: NodeJS.WriteStream): ClosableProgress {
  return stream.isTTY ? new BarProgress(plan, stream) : new LineProgress(plan, stream);
}

function runLabel(plan: readonly PlannedRun[], index: number): string {
  const run = plan[index];
  return `run ${index + 1}/${plan.length} ${run.variant.label} seed ${run.seed}`;
}

function endLine(result: CompareRunResult): string {
  const metrics = result.metrics ? `validation uniform ${formatLoss(result.metrics.uniform)}, token-weighted ${formatLoss(result.metrics.tokenWeighted)}` : '';
  return `${result.state} after ${result.steps} steps in ${formatDuration(result.elapsedMs)}${metrics ? `: ${metrics}` : ''}${result.message ? ` (${result.message})` : ''}`;
}

class BarProgress implements ClosableProgress {
  private readonly bars: MultiBar;
  private readonly active = new Map<number, SingleBar>();

  constructor(private readonly plan: readonly PlannedRun[], stream: NodeJS.WriteStream) {
    this.bars = new MultiBar(
      {
        stream,
        format: '{label} |{bar}| {value}/{total} steps | loss {loss} | {speed} tok/s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        autopadding: true,
      },
      Presets.shades_classic,
    );
  }

  runStarted(index: number, run: PlannedRun): void {
    this.active.set(index, this.bars.create(run.config.training.steps, 0, { label: runLabel(this.plan, index), loss: '–', speed: '–' }));
  }

  runEvent(index: number, event: RunEventBody): void {
    if (event.type !== 'step') return;
    this.active.get(index)?.update(event.step + 1, {
      loss: formatLoss(event.loss ?? NaN),
      speed: event.tokensPerSecond === undefined ? '–' : Math.round(event.tokensPerSecond),
    });
  }

  runFinished(index: number, result: CompareRunResult): void {
    this.active.get(index)?.stop();
    this.active.delete(index);
    this.bars.log(`${runLabel(this.plan, index)}: ${endLine(result)}\n`);
  }

  close(): void {
    this.bars.stop();
  }
}

class LineProgress implements ClosableProgress {
  private readonly lastLogged = new Map<number, number>();

  constructor(private readonly plan: readonly PlannedRun[], private readonly stream: NodeJS.WriteStream) {}

  runStarted(): void {}

  runEvent(index: number, event: RunEventBody): void {
    if (event.type !== 'step') return;
    const last = this.lastLogged.get(index);
    if (last !== undefined && Date.now() - last < LOG_INTERVAL_MS) return;
    this.lastLogged.set(index, Date.now());
    const total = this.plan[index].config.training.steps;
    const label = runLabel(this.plan, index);
    const first = event.step === 0 ? 'started' : `continued at step ${event.step + 1}/${total}`;
    this.write(last === undefined ? `${label}: ${first}` : `${label}: step ${event.step + 1}/${total}, loss ${formatLoss(event.loss ?? NaN)}, ${formatDuration(event.elapsedMs)} elapsed`);
  }

  runFinished(index: number, result: CompareRunResult): void {
    this.write(`${runLabel(this.plan, index)}: ${endLine(result)}`);
  }

  close(): void {}

  private write(line: string): void {
    this.stream.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  }
}
