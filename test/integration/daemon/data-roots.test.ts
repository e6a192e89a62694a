/**
 * A token holder may make the daemon read only files inside its data roots, and learns nothing of
 * a file's content from what the daemon answers. Refusals at runs.create use an in-process daemon;
 * what the training reads, a built daemon with its real trainer, started the way the VS Code
 * extension starts it (its workspace folders as roots).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { withAbsolutePaths } from '../../../extension/config-files';
import { LocalDaemonProcess } from '../../../extension/daemon/local-daemon-process';
import { DaemonClient, DaemonRequestError } from '../../../shared/client/daemon-client';
import { readTokenFile } from '../../../shared/client/local-daemon';
import type { ConfigDiagnostic } from '../../../shared/config';
import { ErrorCode } from '../../../shared/protocol';
import { FINAL_STATES, type RunEvent } from '../../../shared/run-events';
import type { RunningDaemon } from '../../../daemon/server/start-daemon';
import { stopBeforeRemoval, tempDir } from '../../helpers/temp-dir';
import { builtCli, connect, repoRoot, startTestDaemon, waitFor } from './harness';

const fixtures = join(__dirname, 'fixtures');
const SECRET = 'TOPSECRET-0451';

/** The tiny fixture config, its domains pointing at `paths`, as a JSON value. */
function tinyConfig(name: string, paths: string[]) {
  const config = parse(readFileSync(join(fixtures, 'tiny.ado.json'), 'utf8'));
  config.name = name;
  config.data.domains = paths.map((path, index) => ({ name: `d${index}`, path }));
  return config;
}

/** A folder the daemon may read (a text file in it, a link out of it), and a secret file beside it. */
function folders() {
  const base = tempDir('ado-roots-it-');
  const allowed = join(base, 'allowed');
  mkdirSync(allowed);
  copyFileSync(join(fixtures, 'corpus', 'alpha.txt'), join(allowed, 'alpha.txt'));
  writeFileSync(join(base, 'secret.txt'), `${SECRET} `.repeat(200));
  symlinkSync(join(base, 'secret.txt'), join(allowed, 'escape.txt'));
  return { base, allowed, secret: join(base, 'secret.txt') };
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; diagnostics: ConfigDiagnostic[] }> {
  const error = await promise.then(() => assert.fail('the daemon accepted the config'), (e: unknown) => e);
  assert.ok(error instanceof DaemonRequestError, String(error));
  assert.equal(error.code, ErrorCode.InvalidConfig, error.message);
  return { message: error.message, diagnostics: (error.data as { diagnostics: ConfigDiagnostic[] }).diagnostics };
}

describe('runs.create against the data roots', () => {
  const { base, allowed, secret } = folders();
  let daemon: RunningDaemon;
  let client: DaemonClient;
  before(async () => {
    daemon = await startTestDaemon({ dataRoots: [allowed] });
    client = await connect(daemon);
  });
  after(async () => {
    client.close();
    await daemon.stop();
  });

  const create = (paths: string[]) => client.request('runs.create', { config: tinyConfig('roots', paths), start: false });

  test('an absolute path, a ../ path and a link out of a root are refused on the field, naming every root', async () => {
    const roots = [join(daemon.dataDir, 'datasets'), join(repoRoot, 'data', 'default'), allowed];
    for (const outside of [secret, join(allowed, '..', 'secret.txt'), '../secret.txt', join(allowed, 'escape.txt')]) {
      const { message, diagnostics } = await refusal(create([join(allowed, 'alpha.txt'), outside]));
      assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.path, d.code]), [['data.domains[1].path', 'data-root']], outside);
      assert.match(message, /^invalid config: data\.domains\[1\]\.path: .* is outside the daemon's data roots \(.*\); put the data in one of them, or start the daemon with --data-root/);
      for (const root of roots) assert.ok(message.includes(root), `${message} names ${root}`);
      assert.ok(!message.includes(SECRET));
    }
  });

  test('a refusal says the same of a file outside whether it exists or not', async () => {
    const answer = async (path: string) => (await refusal(create([path]))).message.replaceAll(path, '<path>');
    assert.equal(await answer(secret), await answer(join(base, 'no-such-file.txt')));
  });

  test('files in --data-root, in <data dir>/datasets and in the embedded corpus are accepted', async () => {
    writeFileSync(join(daemon.dataDir, 'datasets', 'mine.txt'), readFileSync(join(allowed, 'alpha.txt')));
    const { run, diagnostics } = await create([join(allowed, 'alpha.txt'), join(daemon.dataDir, 'datasets', 'mine.txt'), join(repoRoot, 'data', 'default', 'fiction.txt')]);
    assert.equal(run.state, 'created');
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  });
});

describe('a daemon started as the extension starts it, with the real trainer', { skip: existsSync(builtCli) ? false : `skipped: ${builtCli} is missing (run npm run build)` }, () => {
  const { base, allowed } = folders();
  const workspace = join(base, 'workspace');
  let daemon: LocalDaemonProcess;
  let client: DaemonClient;
  before(async () => {
    mkdirSync(join(workspace, 'corpus'), { recursive: true });
    for (const name of ['alpha', 'beta']) copyFileSync(join(fixtures, 'corpus', `${name}.txt`), join(workspace, 'corpus', `${name}.txt`));
    const runtime = { command: process.execPath, env: {}, description: 'the test runner\'s node' };
    daemon = await LocalDaemonProcess.spawn({ daemonScript: builtCli, runtime, dataDir: join(base, 'data'), port: 0, dataRoots: [workspace, allowed] });
    stopBeforeRemoval(() => daemon.stop());
    client = await DaemonClient.connect({ url: daemon.info.url, token: readTokenFile(daemon.info.tokenFile), clientName: 'roots test', reconnect: false });
  });
  after(async () => {
    client.close();
    await daemon.stop();
  });

  /** Creates the run, follows it to a final state, and returns its events. */
  async function train(config: unknown): Promise<RunEvent[]> {
    const { run } = await client.request('runs.create', { config, start: false });
    const events: RunEvent[] = [];
    await client.subscribe(run.id, (event) => events.push(event));
    await client.request('runs.start', { runId: run.id });
    await waitFor(() => events.some((e) => e.type === 'state' && FINAL_STATES.includes(e.state)), `run ${run.id} to end`, 120_000);
    return events;
  }
  const finalState = (events: RunEvent[]) => events.filter((e) => e.type === 'state').at(-1);

  test('a workspace config submitted as the extension submits it (paths made absolute) trains', async () => {
    const text = JSON.stringify(tinyConfig('workspace', ['corpus/alpha.txt', 'corpus/beta.txt']));
    const events = await train(parse(withAbsolutePaths(text, workspace)));
    assert.equal(finalState(events)?.state, 'completed', JSON.stringify(finalState(events)));
  });

  test('a link out of a root inside a domain folder fails the run on that field; its content never reaches the client', async () => {
    const folder = join(allowed, 'folder');
    mkdirSync(folder);
    copyFileSync(join(allowed, 'alpha.txt'), join(folder, 'a.txt'));
    symlinkSync(join(base, 'secret.txt'), join(folder, 'b.txt'));
    const events = await train(tinyConfig('link-in-folder', [folder]));
    const end = finalState(events);
    assert.equal(end?.state, 'failed');
    assert.match(end?.message ?? '', /^data\.domains\[0\]\.path: .*b\.txt is outside the daemon's data roots \(.*\)/);
    assert.ok(!JSON.stringify(events).includes(SECRET));
  });

  test('a malformed JSONL line fails the run by its line and column, never quoted', async () => {
    const lines = [JSON.stringify({ text: readFileSync(join(allowed, 'alpha.txt'), 'utf8') }), `${SECRET} is not JSON`];
    writeFileSync(join(allowed, 'records.jsonl'), lines.join('\n') + '\n');
    const events = await train(tinyConfig('jsonl', [join(allowed, 'records.jsonl')]));
    const end = finalState(events);
    assert.equal(end?.state, 'failed');
    assert.match(end?.message ?? '', /records\.jsonl:2: not valid JSON \(unexpected character at column 1\)/);
    assert.ok(!JSON.stringify(events).includes(SECRET));
    const { run } = await client.request('runs.get', { runId: events[0].runId });
    assert.ok(!JSON.stringify(run).includes(SECRET));
  });
});
