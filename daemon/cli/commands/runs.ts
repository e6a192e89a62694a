/** `ado runs`: the daemon's runs as a table. */
import type { Command } from 'commander';
import type { RunSummary } from '../../../shared/protocol';
import { connectToDaemon, withConnectionOptions, type ConnectionOptions } from '../daemon-connection';

export function registerRuns(program: Command): void {
  withConnectionOptions(program.command('runs').description('list the daemon\'s runs'))
    .option('--json', 'print the runs as JSON')
    .action(async (options: ConnectionOptions & { json?: boolean }) => {
      const client = await connectToDaemon(options, 'ado runs');
      try {
        const { runs } = await client.request('runs.list', {});
        if (options.json) process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
        else if (runs.length === 0) process.stdout.write('no runs yet; "ado submit <config>" queues one\n');
        else process.stdout.write(table(runs));
      } finally {
        client.close();
      }
    });
}

function table(runs: RunSummary[]): string {
  const rows = runs.map((run) => [
    run.id,
    run.state,
    run.kind,
    run.policy,
    run.totalSteps ? `${run.step}/${run.totalSteps}` : String(run.step),
    run.loss?.toFixed(4) ?? '—',
    run.validationLoss?.toFixed(4) ?? '—',
    run.topDomain ? `${run.topDomain.name} ${(run.topDomain.weight * 100).toFixed(0)}%` : '—',
  ]);
  const header = ['RUN', 'STATE', 'KIND', 'POLICY', 'STEP', 'LOSS', 'VAL', 'TOP DOMAIN'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}
