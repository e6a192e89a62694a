/**
 * Writes examples/replay/example.jsonl: the log of a simulated 3,000-step run that sampled five
 * domains at their natural shares, in the replay format. `ado replay` then shows what ADO would
 * have chosen instead. Reproducible: the simulation is seeded.
 *
 *   node --import tsx examples/replay/make-example.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateRun, type SyntheticDomain } from '../../daemon/replay/synthetic-run';

const domains: SyntheticDomain[] = [
  { name: 'web', law: { logBeta: 1.6, logEps: 0.9, alpha: 0.22 }, noise: 0.3 },
  { name: 'books', law: { logBeta: 1.4, logEps: 1.0, alpha: 0.18 }, noise: 0.3 },
  { name: 'code', law: { logBeta: 2.0, logEps: 0.55, alpha: 0.3 }, noise: 0.4 },
  { name: 'math', law: { logBeta: 1.8, logEps: 0.6, alpha: 0.35 }, noise: 0.4 },
  // Close to its floor from the start: little left to learn.
  { name: 'noise', law: { logBeta: -1.5, logEps: 1.7, alpha: 0.1 }, noise: 0.2 },
];
const prior = [0.4, 0.25, 0.15, 0.1, 0.1];

const header = {
  domains: domains.map((d) => d.name),
  prior,
  // The paper's timings scaled to 3,000 steps: 13 refits, the first on 101 points. The "fast"
  // fit strategy keeps the example quick; drop it to run the paper's full 512-start grid.
  ado: { startStep: 300, ignoreSteps: 200, updateInterval: 200, savgolWindow: 51, subsample: 2, fit: { starts: 'fast' } },
};
const lines = [JSON.stringify(header)];
const round = (x: number) => Number(x.toFixed(5));
for (const step of simulateRun({ domains, steps: 3000, batchSize: 64, tokensPerSample: 1024, annealDrop: 0.05, seed: 11 }, () => prior)) {
  lines.push(JSON.stringify({ step: step.step, counts: step.counts, losses: Array.from(step.losses, (l) => (l === null ? null : round(l))) }));
}
writeFileSync(join(__dirname, 'example.jsonl'), lines.join('\n') + '\n');
