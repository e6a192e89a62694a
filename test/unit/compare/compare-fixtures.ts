/** A base config and a fake launcher whose runs "train" instantly to chosen validation losses. */
import { resolveConfig, type ResolvedRunConfig } from '../../../shared/config';
import type { PlannedRun } from '../../../daemon/compare/plan';
import type { LaunchHooks, RunLauncher } from '../../../daemon/compare/run-comparison';
import type { RunIdentity, RunRef } from '../../../daemon/compare/run-outcome';

export const DOMAINS = ['prose', 'code'];

export function baseConfig(steps = 20): ResolvedRunConfig {
  return resolveConfig({ version: 1, name: 'tiny', seed: 7, data: { domains: DOMAINS.map((name) => ({ name, path: `/data/${name}.txt` })) }, training: { steps } });
}

/** Each run ends as `outcome(run)` says: completed with losses, or failed/interrupted. A continued run keeps its id. */
export function fakeLauncher(
  outcome: (run: PlannedRun) => { losses: number[] } | { state: 'failed' | 'interrupted'; message: string },
): RunLauncher & { trained: PlannedRun[]; continued: (RunRef | undefined)[] } {
  const trained: PlannedRun[] = [];
  const continued: (RunRef | undefined)[] = [];
  return {
    trained,
    continued,
    concurrency: 1,
    async train(run: PlannedRun, earlier: RunRef | undefined, hooks: LaunchHooks): Promise<RunIdentity> {
      trained.push(run);
      continued.push(earlier);
      const runId = earlier?.runId ?? `${run.config.name}-id-${trained.length}`;
      hooks.started({ runId, runDir: `/runs/${runId}` });
      const onEvent = hooks.event;
      const steps = run.config.training.steps;
      onEvent({ type: 'meta', kind: 'train', domains: DOMAINS, prior: [0.5, 0.5], policy: run.variant.policy, totalSteps: steps });
      onEvent({ type: 'step', step: steps - 1, tokens: 1000, elapsedMs: 500, loss: 2, domainLosses: [2, 2], counts: [2, 2], weights: [0.5, 0.5] });
      const result = outcome(run);
      if ('state' in result) return { runId, runDir: `/runs/${runId}`, state: result.state, message: result.message };
      const [a, b] = result.losses;
      const validation = { losses: result.losses, uniform: (a + b) / 2, tokenWeighted: 0.75 * a + 0.25 * b };
      onEvent({ type: 'summary', step: steps - 1, tokens: 1000, elapsedMs: 500, tokensPerSecond: 2000, validation, finalWeights: [0.6, 0.4], averageWeights: [0.55, 0.45] });
      return { runId, runDir: `/runs/${runId}`, state: 'completed' };
    },
  };
}

export const SILENT = { runStarted() {}, runEvent() {}, runFinished() {} };
