/** `ado doctor`: what can train here — each backend available or why not, and the environment. */
import type { Command } from 'commander';
import { accessSync, constants, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { BackendReport } from '../../backend/probe-backends';
import { defaultDataDir } from '../../runs/layout';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('show which training backends are available here (and why not), with versions, SIMD, threads and the data directory')
    .option('--data-dir <dir>', 'data directory to check (default: $ADO_DATA_DIR or ~/.ado)')
    .option('--json', 'print the report as JSON')
    .action(async (options: { dataDir?: string; json?: boolean }) => {
      // Imported on use: it brings tfjs, which `ado daemon` (this same bundle) must not load.
      const { probeBackends } = await import('../../backend/probe-backends');
      const report = await probeBackends();
      const environment = {
        adoStudio: __ADO_VERSION__,
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: cpus().length,
        dataDir: describeDataDir(resolve(options.dataDir ?? defaultDataDir())),
      };
      if (options.json) process.stdout.write(JSON.stringify({ ...environment, ...report }, null, 2) + '\n');
      else process.stdout.write(formatReport(environment, report));
      if (report.chosen === null) process.exitCode = 1;
    });
}

interface DataDirStatus {
  path: string;
  status: 'writable' | 'read-only' | 'will be created';
}

function describeDataDir(path: string): DataDirStatus {
  if (!existsSync(path)) return { path, status: canWrite(dirname(path)) ? 'will be created' : 'read-only' };
  return { path, status: canWrite(path) ? 'writable' : 'read-only' };
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return existsSync(path) ? false : canWrite(dirname(path));
  }
}

function formatReport(environment: { adoStudio: string; node: string; platform: string; cpus: number; dataDir: DataDirStatus }, report: BackendReport): string {
  const lines = [
    `ADO Studio ${environment.adoStudio} · Node ${environment.node} · ${environment.platform} · ${environment.cpus} CPU${environment.cpus === 1 ? '' : 's'} · tfjs-core ${report.tfjsCore}`,
    `data dir: ${environment.dataDir.path} (${environment.dataDir.status})`,
    '',
    'backends, in the order "auto" tries them:',
  ];
  for (const result of report.results) {
    const mark = result.name === report.chosen ? '  ← auto' : '';
    if (!result.ok) {
      lines.push(`  ${result.name.padEnd(10)} unavailable: ${result.reason}`);
      continue;
    }
    lines.push(`  ${result.name.padEnd(10)} available: ${result.detail}${mark}`);
    for (const warning of result.warnings) lines.push(`  ${''.padEnd(10)} warning: ${warning}`);
  }
  if (report.chosen === null) lines.push('', 'No backend can train here; reinstall with "npm install".');
  else if (report.chosen !== 'tensorflow') lines.push('', 'For a GPU, install @tensorflow/tfjs-node-gpu (CUDA 11.2, cuDNN 8.1); see the README.');
  return lines.join('\n') + '\n';
}
