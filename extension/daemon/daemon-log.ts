/**
 * The "ADO Studio Daemon" output channel. It follows <dataDir>/daemon.log, where the local daemon's
 * output goes, so that a daemon started by another window or by `ado daemon` shows its log too.
 */
import { open, stat } from 'node:fs/promises';
import * as vscode from 'vscode';

const POLL_INTERVAL_MS = 500;
/** How much of an existing log to show when attaching to a daemon that is already running. */
const BACKLOG_BYTES = 16 * 1024;

export class DaemonLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('ADO Studio Daemon', 'log');
  private timer: NodeJS.Timeout | undefined;
  private file: string | undefined;
  private offset = 0;
  private reading = false;

  /** A line from the extension itself (which runtime it chose, what it attached to). */
  note(message: string): void {
    this.channel.appendLine(`[ADO Studio ${new Date().toISOString()}] ${message}`);
  }

  /** Shows `file` from now on; `backlog` also shows the tail that is already there. */
  async follow(file: string, backlog: boolean): Promise<void> {
    if (this.file === file) return;
    this.stop();
    this.file = file;
    const size = await stat(file).then((s) => s.size, () => 0);
    this.offset = backlog ? Math.max(0, size - BACKLOG_BYTES) : size;
    this.timer = setInterval(() => void this.readNew(), POLL_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.file = undefined;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.stop();
    this.channel.dispose();
  }

  private async readNew(): Promise<void> {
    if (!this.file || this.reading) return;
    this.reading = true;
    try {
      const handle = await open(this.file, 'r');
      try {
        const { size } = await handle.stat();
        if (size < this.offset) this.offset = 0; // the log was truncated or replaced
        if (size > this.offset) {
          const buffer = Buffer.alloc(size - this.offset);
          await handle.read(buffer, 0, buffer.length, this.offset);
          this.offset = size;
          this.channel.append(buffer.toString('utf8'));
        }
      } finally {
        await handle.close();
      }
    } catch {
      // the log does not exist yet
    } finally {
      this.reading = false;
    }
  }
}
