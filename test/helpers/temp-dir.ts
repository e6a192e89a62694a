/**
 * Temporary folders for tests, removed once the test file's tests are done, passed or failed.
 *
 * Why the end of the file, not of the test or suite that made the folder: node runs `after` hooks
 * in the order they were registered, and one registered while a `before` hook runs belongs to that
 * hook and runs as soon as it returns. A per-test or per-suite hook would so remove a folder before
 * the daemon started after it had stopped writing there, or even before the suite's tests ran.
 * node runs each test file in its own process, so a file's folders live as long as its tests.
 *
 * What writes into these folders from outside the test's own code (a daemon, a child process)
 * registers its stop with `stopBeforeRemoval` or `killBeforeRemoval`, so that one a test failing
 * half-way leaves running is stopped before its folder goes, rather than writing into it afterwards.
 *
 * node:test only: a bench script importing this would start a test run of its own.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

const folders = new Set<string>();
const stops = new Set<() => unknown>();

/** A fresh folder `<tmpdir>/<prefix>XXXXXX`, removed with everything in it when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.add(dir);
  return dir;
}

/** Runs `stop` (and waits for it) before the folders go, unless the returned function is called first. */
export function stopBeforeRemoval(stop: () => unknown): () => void {
  stops.add(stop);
  return () => void stops.delete(stop);
}

/** Ends `child` before the folders go if it still runs then: SIGTERM, and SIGKILL after `graceMs`. */
export function killBeforeRemoval(child: ChildProcess, graceMs = 10_000): void {
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  const forget = stopBeforeRemoval(async () => {
    child.kill('SIGTERM');
    const grace = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(grace);
  });
  void exited.then(forget);
}

function removeFolders(): void {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  folders.clear();
}

// Registered while this module loads, from the test file's top level: so on the file's root, run
// after every test and suite of the file and their own `after` hooks.
after(
  async () => {
    await Promise.allSettled([...stops].map(async (stop) => stop()));
    stops.clear();
    removeFolders();
  },
  { timeout: 60_000 },
);
// A file that ends before its hooks run (process.exit, a stop that timed out) still removes them.
process.once('exit', removeFolders);
