/**
 * What `ado report <arg>` draws: a run directory, a run id in the data dir, a compare directory
 * (it holds results.json), or a comparison's name in the data dir. An existing folder that is
 * neither is treated as a run directory, whose reader then names the file that is missing.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareDir } from '../compare/prepare-comparison';
import { resultsFile } from '../compare/results-file';
import { resolveRunDir } from '../runs/resolve-run-dir';

export type ReportTarget = { kind: 'run'; runDir: string } | { kind: 'compare'; compareDir: string };

export function resolveReportTarget(arg: string, dataDir: string): ReportTarget | null {
  const path = resolve(arg);
  if (isDirectory(path)) return existsSync(resultsFile(path)) ? { kind: 'compare', compareDir: path } : { kind: 'run', runDir: path };
  const runDir = resolveRunDir(arg, dataDir);
  if (runDir) return { kind: 'run', runDir };
  const named = compareDir(dataDir, arg);
  return existsSync(resultsFile(named)) ? { kind: 'compare', compareDir: named } : null;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
