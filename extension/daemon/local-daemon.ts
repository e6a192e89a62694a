/**
 * The local daemon: attach to the one already serving the data dir (started by another window,
 * or by `ado daemon`), or start the bundled one. Stopping ends it either way. Closing the window
 * ends only a daemon this window started, and not with `ado.daemon.keepRunning`; and only once no
 * window has been attached for a grace, since a window reload closes the window too: the reloaded
 * window attaches again on activation, and the trainings go on.
 */
import * as vscode from 'vscode';
import { paths } from '../../daemon/runs/layout';
import { readDaemonInfo, readTokenFile, type DaemonInfo } from '../../shared/client/local-daemon';
import { settings } from '../settings';
import { DaemonConnection } from './daemon-connection';
import type { DaemonLog } from './daemon-log';
import type { DaemonRegistry } from './daemon-registry';
import { LocalDaemonProcess } from './local-daemon-process';
import { chooseNodeRuntime } from './node-runtime';

/** Long enough for a reload on a busy machine; after a real close the trainings checkpoint a minute later. */
const RELOAD_GRACE_MS = 60_000;

export class LocalDaemon implements vscode.Disposable {
  private process: LocalDaemonProcess | undefined;
  /** A second Start (a double click on the welcome button) joins the first instead of spawning twice. */
  private starting: Promise<DaemonConnection> | undefined;

  constructor(
    private readonly daemonScript: string,
    private readonly registry: DaemonRegistry,
    private readonly log: DaemonLog,
  ) {}

  /** The attached local daemon, starting it if needed (also when the attached one has died). */
  start(): Promise<DaemonConnection> {
    const attached = this.registry.get('local');
    if (attached && (attached.state === 'connected' || runningDaemon(settings.dataDir()))) return Promise.resolve(attached);
    // Its client would retry a dead address forever; a new daemon gets a new port.
    if (attached) this.registry.remove('local');
    this.starting ??= this.attachOrSpawn().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async stop(): Promise<void> {
    const connection = this.registry.get('local');
    if (this.process) {
      this.registry.remove('local');
      await this.process.stop();
      this.process = undefined;
    } else if (connection) {
      await connection.request('daemon.shutdown', {});
      this.registry.remove('local');
    } else {
      return;
    }
    this.log.note('local daemon stopped');
  }

  /** Attaches to a local daemon already running (after a reload, say); starts none. */
  async attachIfRunning(): Promise<void> {
    const dataDir = settings.dataDir();
    const running = runningDaemon(dataDir);
    if (!running || this.registry.get('local') || this.starting) return;
    const connection = await this.adopt(running, dataDir);
    // A Start meanwhile attached or spawned one of its own.
    if (connection && this.registry.get('local')) connection.dispose();
    else if (connection) this.registry.add(connection);
  }

  async dispose(): Promise<void> {
    if (!this.process || settings.keepRunning()) return;
    const connection = this.registry.get('local');
    try {
      if (connection?.state === 'connected') return void (await connection.request('daemon.shutdown', { whenUnusedForMs: RELOAD_GRACE_MS }));
    } catch {
      // An older daemon, or the connection is gone: end it now.
    }
    await this.process.stop();
  }

  private async attachOrSpawn(): Promise<DaemonConnection> {
    const dataDir = settings.dataDir();
    const running = runningDaemon(dataDir);
    const connection = (running && (await this.adopt(running, dataDir))) || (await this.spawn(dataDir));
    this.registry.add(connection);
    return connection;
  }

  /** Undefined when the daemon.json is stale (say, the pid now belongs to something else). */
  private async adopt(info: DaemonInfo, dataDir: string): Promise<DaemonConnection | undefined> {
    try {
      const connection = await DaemonConnection.open({ kind: 'local', url: info.url, token: readTokenFile(info.tokenFile) });
      this.log.note(`attached to the local daemon already running (pid ${info.pid}, ${info.url})`);
      await this.log.follow(paths.daemonLog(dataDir), true);
      return connection;
    } catch (error) {
      this.log.note(`could not attach to the daemon at ${info.url} (${(error as Error).message})`);
      return undefined;
    }
  }

  private async spawn(dataDir: string): Promise<DaemonConnection> {
    const runtime = await chooseNodeRuntime(settings.nodePath());
    this.log.note(`starting the local daemon with ${runtime.description}, data dir ${dataDir}`);
    await this.log.follow(paths.daemonLog(dataDir), false);
    this.process = await LocalDaemonProcess.spawn({ daemonScript: this.daemonScript, runtime, dataDir, port: settings.port(), dataRoots: workspaceFolderPaths() });
    const { info } = this.process;
    this.log.note(`local daemon ${info.daemonVersion} listening on ${info.url} (pid ${info.pid})`);
    return DaemonConnection.open({ kind: 'local', url: info.url, token: readTokenFile(info.tokenFile) });
  }
}

/**
 * The daemon reads a submitted config's files only inside its data roots, fixed when it starts:
 * the window that starts it lends its workspace folders. A window attaching to a daemon started
 * elsewhere reads within that daemon's roots.
 */
function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
}

function runningDaemon(dataDir: string): DaemonInfo | undefined {
  try {
    const info = readDaemonInfo(dataDir);
    process.kill(info.pid, 0); // throws when no such process
    return info;
  } catch {
    return undefined;
  }
}
