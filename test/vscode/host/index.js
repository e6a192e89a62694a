// Integration tests that run inside the real extension host, against the installed .vsix: they use
// the vscode API as a user's commands would, and read the runs view through the extension's exports.
// The extension host exits with 0 even when run() throws, so the summary line is what counts.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'ado-studio.ado-studio';
const RUN_NAME = 'vscode-e2e-tiny';
const STEPS_TO_SEE = 5;

const results = [];
async function test(name, body) {
  try {
    await body();
    results.push(true);
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push(false);
    console.log(`not ok - ${name}: ${error && error.message}`);
  }
}

async function eventually(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The runs view as rendered: [{ node, label, description, children: [...] }]; `node` is what menu commands receive. */
async function runsView(api) {
  const describe = async (node) => {
    const item = await api.runs.getTreeItem(node);
    const children = await api.runs.getChildren(node);
    return { node, label: String(item.label), description: String(item.description ?? ''), children: await Promise.all((children ?? []).map(describe)) };
  };
  return Promise.all(((await api.runs.getChildren()) ?? []).map(describe));
}

/** The run as the local daemon's subtree shows it. */
async function runInView(api) {
  const local = (await runsView(api)).find((d) => d.label === 'Local daemon');
  return local && local.children.find((r) => r.label === RUN_NAME);
}

const workspaceFile = (name) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
const dataDir = () => vscode.workspace.getConfiguration('ado').get('daemon.dataDir');
const daemonInfo = () => JSON.parse(fs.readFileSync(path.join(dataDir(), 'daemon.json'), 'utf8'));

exports.run = async function run() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const api = await extension.activate();

  await test('every command in the manifest is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = extension.packageJSON.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `not registered: ${missing.join(', ')}`);
  });

  await test('the language server reports a misspelled key', async () => {
    const uri = workspaceFile('broken.ado.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [diagnostic] = await eventually('diagnostics', () => vscode.languages.getDiagnostics(uri).length && vscode.languages.getDiagnostics(uri));
    assert.equal(diagnostic.code, 'unknown-key');
    assert.equal(diagnostic.range.start.line, 10);
  });

  await test('with the language server off, configs fall back to JSON with Comments and the contributed JSON Schema', async () => {
    const uri = workspaceFile('broken.ado.json');
    const settings = vscode.workspace.getConfiguration('ado');
    const document = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    await settings.update('languageServer.enable', false, vscode.ConfigurationTarget.Global);
    try {
      await eventually('the jsonc language', () => document()?.languageId === 'jsonc');
      const fromSchema = await eventually('a JSON Schema diagnostic', () =>
        vscode.languages.getDiagnostics(uri).find((d) => /trainig/.test(d.message) && d.source !== 'ado'));
      assert.equal(fromSchema.range.start.line, 10);
    } finally {
      await settings.update('languageServer.enable', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually('the ado-config language again', () => document()?.languageId === 'ado-config');
  });

  await test('New Run Config writes a commented copy of the embedded default config whose data paths exist', async () => {
    await vscode.commands.executeCommand('ado.newRunConfig');
    const editor = await eventually('the new config in an editor', () => vscode.window.activeTextEditor?.document.fileName.endsWith('my-run.ado.json') && vscode.window.activeTextEditor);
    const { document } = editor;
    assert.equal(document.languageId, 'ado-config');
    assert.match(document.getText(), /^\/\/ /, 'starts with a comment');
    const paths = [...document.getText().matchAll(/"path": "([^"]+)"/g)].map((m) => m[1]);
    assert.ok(paths.length > 0, 'names data files');
    for (const file of paths) assert.ok(path.isAbsolute(file) && fs.existsSync(file), `${file} exists`);
    // The language server had time to check it: nothing may be wrong with a config we hand out.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const errors = vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
  });

  await test('Start Local Daemon starts the bundled daemon and shows it in the runs view', async () => {
    await vscode.commands.executeCommand('ado.startLocalDaemon');
    const daemon = await eventually('the daemon node', async () => (await runsView(api))[0]);
    assert.equal(daemon.label, 'Local daemon');
    assert.ok(fs.existsSync(path.join(dataDir(), 'daemon.json')), 'daemon.json written');
  });

  await test(`a submitted run appears in the runs view and reaches step ${STEPS_TO_SEE}`, async () => {
    assert.equal((await runsView(api)).length, 1, 'no daemon attached');
    await vscode.commands.executeCommand('ado.submitRun', workspaceFile('tiny.ado.json'));
    const run = await eventually(`${RUN_NAME} at step ${STEPS_TO_SEE}`, async () => {
      const found = await runInView(api);
      const step = found && Number(/step (\d+)/.exec(found.description)?.[1]);
      return step >= STEPS_TO_SEE && found;
    }, 120_000);
    console.log(`# ${run.label}: ${run.description}`);
    assert.match(run.description, /loss \d+\.\d{3}/);
  });

  await test('Pause Run pauses the run and Resume Run continues it', async () => {
    const run = await runInView(api);
    assert.ok(run, 'the run is listed');
    await vscode.commands.executeCommand('ado.pauseRun', run.node);
    await eventually('the run to pause', async () => (await runInView(api))?.description.startsWith('paused'));
    await vscode.commands.executeCommand('ado.resumeRun', run.node);
    await eventually('the run to run again', async () => (await runInView(api))?.description.startsWith('running'));
  });

  await test('Export Mixture writes the run\'s average mixture as the fixed-weights file ado export-mixture writes', async () => {
    const run = await runInView(api);
    const destination = workspaceFile('exported-average.json');
    await vscode.commands.executeCommand('ado.exportMixture', run.node, { kind: 'average', destination });
    const file = JSON.parse(fs.readFileSync(destination.fsPath, 'utf8'));
    assert.equal(file.format, 'ado-fixed-weights');
    assert.equal(file.kind, 'average');
    const total = Object.values(file.weights).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 1) < 1e-9, `weights sum to ${total}`);
  });

  await test('Detach empties the view; Start Local Daemon attaches again to the same daemon and its run', async () => {
    assert.equal((await runsView(api)).length, 1, 'no daemon attached');
    const { pid } = daemonInfo();
    await vscode.commands.executeCommand('ado.detachDaemon');
    await eventually('an empty view', async () => (await runsView(api)).length === 0);
    await vscode.commands.executeCommand('ado.startLocalDaemon');
    const daemon = await eventually('the daemon again', async () => (await runsView(api))[0]);
    assert.ok(daemon.children.some((r) => r.label === RUN_NAME), 'the run is listed again');
    assert.equal(daemonInfo().pid, pid, 'same daemon process');
  });

  await test('Attach to Remote Daemon with a URL and token lists that daemon\'s runs; Detach removes it', async () => {
    const { url, tokenFile } = daemonInfo();
    await vscode.commands.executeCommand('ado.attachRemoteDaemon', { url, token: fs.readFileSync(tokenFile, 'utf8').trim() });
    const remote = await eventually('the remote daemon node', async () => (await runsView(api)).find((d) => d.label.startsWith('Remote:')));
    assert.equal(remote.label, `Remote: ${new URL(url).host}`);
    assert.ok(remote.children.some((r) => r.label === RUN_NAME), 'the run is listed under the remote daemon');
    assert.equal(vscode.workspace.getConfiguration('ado').get('remote.url'), url, 'the URL is kept in settings');
    await vscode.commands.executeCommand('ado.detachDaemon', remote.node);
    await eventually('the remote daemon to go', async () => !(await runsView(api)).some((d) => d.label.startsWith('Remote:')));
  });

  await test('Stop Run stops the run', async () => {
    await vscode.commands.executeCommand('ado.stopRun', (await runInView(api)).node);
    await eventually('the run to stop', async () => (await runInView(api))?.description.startsWith('stopped'));
  });

  await test('Stop Local Daemon ends the daemon', async () => {
    await vscode.commands.executeCommand('ado.stopLocalDaemon');
    await eventually('daemon.json to go', () => !fs.existsSync(path.join(dataDir(), 'daemon.json')));
    assert.equal((await runsView(api)).length, 0);
  });

  const failed = results.filter((ok) => !ok).length;
  console.log(`EXT-TESTS: ${results.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} extension test(s) failed`);
};
