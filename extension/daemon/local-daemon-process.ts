/**
 * Spawns the bundled daemon (dist/ado.js daemon) and ends it. The daemon writes its own
 * <dataDir>/daemon.log, which the output channel follows. It runs detached and without pipes to
 * this process, so that with `ado.daemon.keepRunning` it outlives the window instead of dying on a
 * write into a closed pipe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { paths } from '../../daemon/runs/layout';
import { readDaemonInfo, LocalDaemonError, type DaemonInfo } from '../../shared/client/local-daemon';
import type { NodeRuntime } from './node-runtime';

const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_GRACE_MS = 10_000;

export interface SpawnOptions {
  daemonScript: string;
  runtime: NodeRuntime;
  dataDir: string;
  port: number;
  /** Folders whose files submitted configs may read (the window's workspace folders), besides the daemon's own. */
  dataRoots: readonly string[];
}

export class LocalDaemonProcess {
  private constructor(private readonly child: ChildProcess, readonly info: DaemonInfo) {}

  /** Starts the daemon and resolves once it has announced itself in <dataDir>/daemon.json. */
  static async spawn({ daemonScript, runtime, dataDir, port, dataRoots }: SpawnOptions): Promise<LocalDaemonProcess> {
    const args = [daemonScript, 'daemon', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, ...dataRoots.flatMap((root) => ['--data-root', root])];
    const child = spawn(runtime.command, args, { env: { ...process.env, ...runtime.env }, stdio: 'ignore', detached: true });
    // The window must be able to close (or reload) without waiting for the daemon.
    child.unref();
    const info = await announcedInfo(child, dataDir);
    return new LocalDaemonProcess(child, info);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM lets the daemon checkpoint its runs; SIGKILL follows only if it hangs. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), SHUTDOWN_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}

/** A stale daemon.json from an earlier daemon may exist; only one naming this child's pid counts. */
function announcedInfo(child: ChildProcess, dataDir: string): Promise<DaemonInfo> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    const fail = (message: string) => {
      clearInterval(poll);
      reject(new LocalDaemonError(`${message}; see ${paths.daemonLog(dataDir)} (ADO Studio: Show Daemon Log)`));
    };
    child.once('error', (error) => fail(`cannot start the daemon: ${error.message}`));
    child.once('exit', (code, signal) => fail(`the daemon exited during startup (${signal ?? `exit code ${code}`})`));
    const poll = setInterval(() => {
      try {
        const info = readDaemonInfo(dataDir);
        if (info.pid === child.pid) {
          clearInterval(poll);
          child.removeAllListeners('exit');
          resolve(info);
          return;
        }
      } catch {
        // not written yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        fail(`the daemon did not start within ${STARTUP_TIMEOUT_MS / 1000} s`);
      }
    }, 100);
  });
}
