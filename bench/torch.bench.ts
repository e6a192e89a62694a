/**
 * `npm run bench:torch [-- --steps 100 --warmup 10 --threads 1,2]`: the PyTorch reference for
 * bench:train (bench/torch-reference.py: the same model, batch and optimizer) on this machine, so
 * our tokens/s can be compared across machines as a ratio to it. Skipped, with a message and exit
 * code 0, where no Python can import torch.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reportFigure } from './figures';
import { pythonWithTorch } from './python-with-torch';

interface TorchResult {
  threads: number;
  msPerStep: number;
  tokensPerSecond: number;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '10' },
      threads: { type: 'string', default: '1,2' },
    },
  });
  const python = pythonWithTorch();
  if (!python) {
    console.log('torch bench skipped: no python3 here can import torch (Debian: apt-get install -y python3-torch)');
    return;
  }
  const script = join(__dirname, 'torch-reference.py');
  const run = spawnSync(python, [script, '--steps', values.steps!, '--warmup', values.warmup!, '--threads', values.threads!], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`torch-reference.py exited with ${run.status ?? run.signal}`);
  const lines = run.stdout.trim().split('\n');
  const results = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as TorchResult);
  console.log(lines.filter((line) => !line.startsWith('{')).join('\n'));
  for (const r of results) {
    reportFigure(
      'torch',
      `PyTorch reference, B16×T128 d128 L2, ${r.threads} thread${r.threads > 1 ? 's' : ''}: tokens/s (ms/step)`,
      `${Math.round(r.tokensPerSecond).toLocaleString('en-US')} (${r.msPerStep.toFixed(0)} ms)`,
    );
  }
}

main();
