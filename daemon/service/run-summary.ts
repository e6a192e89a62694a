/**
 * The running totals behind a RunSummary (latest step, losses, top domain), updated event by
 * event so `runs.list` never has to read a log.
 */
import type { RunSummary } from '../../shared/protocol';
import type { RunEvent } from '../../shared/run-events';
import type { RunRecord } from '../runs/run-record';

type Progress = Pick<RunSummary, 'step' | 'totalSteps' | 'loss' | 'validationLoss' | 'topDomain' | 'lastSeq'>;

export class RunProgress {
  private progress: Progress = { step: 0, lastSeq: 0 };
  private domains: string[] = [];

  apply(event: RunEvent): void {
    const p = this.progress;
    p.lastSeq = event.seq;
    switch (event.type) {
      case 'meta':
        this.domains = event.domains;
        p.totalSteps = event.totalSteps;
        break;
      case 'step': {
        p.step = event.step;
        if (event.loss !== null) p.loss = event.loss;
        const top = event.weights.reduce((best, w, i) => (w > event.weights[best] ? i : best), 0);
        if (this.domains[top] !== undefined) p.topDomain = { name: this.domains[top], weight: event.weights[top] };
        break;
      }
      case 'eval':
        p.validationLoss = event.uniform;
        break;
    }
  }

  summarise(record: RunRecord): RunSummary {
    const { id, name, kind, state, policy, createdAt, message } = record;
    return { id, name, kind, state, policy, createdAt, ...this.progress, ...(message === undefined ? {} : { message }) };
  }
}
