/**
 * `ado replay --save`: the replay as a run in the run store, so that `ado report`, `ado
 * export-mixture`, `ado runs` and the extension take it like any other run. It is stored as an
 * external run, which is what a replay is: a mixture policy fed with losses measured elsewhere.
 * Its events are the ones an external run of the daemon would log for the same observations.
 */
import { basename } from 'node:path';
import type { ExternalRunConfig } from '../service/external-scheduler';
import { Run } from '../service/run';
import { createRunDir } from '../runs/create-run-dir';
import { fitEventFromPolicyStep } from '../events/policy-events';
import { observationStepEvent } from '../events/observation-events';
import type { PolicyStep, StepFeedback } from '../mixture/policy';
import type { ReplayHeader } from './replay-header';

/** n counts 1024-token samples, as in the paper. */
const N_UNIT_TOKENS = 1024;

export class ReplayRecording {
  private samples = 0;
  private readonly started = Date.now();

  private constructor(private readonly run: Run, private readonly tokensPerSample: number) {}

  static start(dataDir: string, name: string, header: ReplayHeader, log: string): ReplayRecording {
    const config: ExternalRunConfig & { replayOf: string } = {
      kind: 'external',
      name,
      domains: header.domains,
      prior: Array.from(header.prior),
      mixture: header.mixture,
      tokensPerSample: header.tokensPerSample,
      replayOf: log,
    };
    const { runDir } = createRunDir({ dataDir, name, kind: 'external', policy: header.mixture.policy, config });
    const run = Run.open(runDir);
    run.setState('running');
    run.append({ type: 'meta', kind: 'external', domains: header.domains, prior: Array.from(header.prior), policy: header.mixture.policy });
    return new ReplayRecording(run, header.tokensPerSample);
  }

  get id(): string {
    return this.run.id;
  }

  get dir(): string {
    return this.run.dir;
  }

  step(feedback: StepFeedback, result: PolicyStep): void {
    for (let k = 0; k < feedback.counts.length; k++) this.samples += feedback.counts[k];
    const tokens = this.samples * this.tokensPerSample;
    this.run.append(observationStepEvent({ feedback, tokens, elapsedMs: Date.now() - this.started, weights: result.weights, policyWeights: result.policyWeights }));
    const fit = fitEventFromPolicyStep(result, tokens / N_UNIT_TOKENS);
    if (fit) this.run.append(fit);
  }

  /** Completed, or failed with the reason the replay stopped (the steps before it stay recorded). */
  finish(failure?: string): void {
    if (failure === undefined) this.run.setState('completed');
    else this.run.setState('failed', failure);
    this.run.close();
  }
}

/** A run name from the log's file name: "logs/my run.jsonl" → "replay-my-run". */
export function replayRunName(log: string): string {
  const stem = basename(log).replace(/\.jsonl?$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return `replay-${stem}`.slice(0, 64).replace(/-$/, '');
}
