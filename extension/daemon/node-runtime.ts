/**
 * Which Node runs the local daemon: `ado.daemon.nodePath` when set; otherwise `node` on PATH if it
 * is at least version 20; otherwise VS Code's own runtime, which runs plain Node scripts when
 * ELECTRON_RUN_AS_NODE is set. The daemon has no native addons, so any of them works.
 */
import { execFile } from 'node:child_process';

export const MINIMUM_NODE_MAJOR = 20;

export interface NodeRuntime {
  command: string;
  env: Record<string, string>;
  /** For the daemon log: which runtime was chosen and why. */
  description: string;
}

export async function chooseNodeRuntime(configuredPath: string | undefined): Promise<NodeRuntime> {
  if (configuredPath) return { command: configuredPath, env: {}, description: `${configuredPath} (from ado.daemon.nodePath)` };
  const version = await nodeVersionOnPath();
  if (version && majorOf(version) >= MINIMUM_NODE_MAJOR) return { command: 'node', env: {}, description: `node ${version} on PATH` };
  const why = version ? `node on PATH is ${version}, older than ${MINIMUM_NODE_MAJOR}` : 'no node on PATH';
  return { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' }, description: `VS Code's runtime, Node ${process.versions.node} (${why})` };
}

function nodeVersionOnPath(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('node', ['--version'], { timeout: 5000 }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}

function majorOf(version: string): number {
  return Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
}
