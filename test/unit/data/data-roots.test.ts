import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfigValue } from '../../../shared/config';
import { checkDataRoots, dataRootsProblem, dataRootsRule, realDataRoots } from '../../../daemon/data/data-roots';
import { prepareCorpus } from '../../../daemon/data';
import { mixturePolicy } from '../../../daemon/train/mixture-policy';
import { tempDir } from '../../helpers/temp-dir';
import { configWithData, prose } from './helpers';

/** A root holding `inside.txt`, a secret beside it, and links from the root to both. */
function layout() {
  const base = tempDir('ado-roots-');
  const root = join(base, 'root');
  mkdirSync(join(root, 'folder'), { recursive: true });
  writeFileSync(join(root, 'inside.txt'), prose(40));
  writeFileSync(join(base, 'secret.txt'), 'TOPSECRET-1234');
  symlinkSync(join(base, 'secret.txt'), join(root, 'escape.txt'));
  symlinkSync(join(root, 'inside.txt'), join(root, 'folder', 'alias.txt'));
  const [realRoot] = realDataRoots([root]);
  return { base, root, roots: [realRoot] };
}

const outside = /is outside the daemon's data roots \(.+\); put the data in one of them, or start the daemon with --data-root/;

test('a file in a root, or a link that stays in it, may be read; a missing file in a root is left to the reader', () => {
  const { root, roots } = layout();
  assert.equal(dataRootsProblem(join(root, 'inside.txt'), roots), undefined);
  assert.equal(dataRootsProblem(join(root, 'folder', 'alias.txt'), roots), undefined);
  assert.equal(dataRootsProblem(root, roots), undefined);
  assert.equal(dataRootsProblem(join(root, 'not-yet', 'there.txt'), roots), undefined);
});

test('an absolute path elsewhere, a ../ path and a link leading out are outside, with one sentence naming the path and the roots', () => {
  const { base, root, roots } = layout();
  for (const path of [join(base, 'secret.txt'), `${root}/folder/../../secret.txt`, join(root, 'escape.txt'), '/etc/passwd', `${root}-sibling/file.txt`]) {
    const problem = dataRootsProblem(path, roots);
    assert.match(problem ?? '', outside, path);
    assert.ok(problem!.startsWith(`${path} is outside`) && problem!.includes(roots[0]), problem);
  }
});

test('the answer for a path outside is the same whether it exists or not', () => {
  const { base, roots } = layout();
  const answer = (path: string) => dataRootsProblem(path, roots)!.replace(path, '<path>');
  assert.equal(answer(join(base, 'secret.txt')), answer(join(base, 'no-such-file.txt')));
});

test('roots are compared as real paths: a root given through a link works', () => {
  const { base, root } = layout();
  symlinkSync(root, join(base, 'root-link'));
  const roots = realDataRoots([join(base, 'root-link')]);
  assert.deepEqual(roots, realDataRoots([root]));
  assert.equal(dataRootsProblem(join(base, 'root-link', 'inside.txt'), roots), undefined);
});

test('a missing root, or a file given as one, is a one-sentence error naming it', () => {
  const { base } = layout();
  assert.throws(() => realDataRoots([join(base, 'nowhere')]), { name: 'UserError', message: /^the data root .*nowhere does not exist; create it, or fix --data-root$/ });
  assert.throws(() => realDataRoots([join(base, 'secret.txt')]), { name: 'UserError', message: /secret\.txt is not a folder; give --data-root a folder$/ });
});

test('checkDataRoots throws with the field first; without roots it checks nothing', () => {
  const { base, roots } = layout();
  assert.throws(() => checkDataRoots(join(base, 'secret.txt'), 'data.domains[1].path', roots), { name: 'UserError', message: /^data\.domains\[1\]\.path: .*secret\.txt is outside/ });
  checkDataRoots(join(base, 'secret.txt'), 'data.domains[1].path', undefined);
});

test('the runs.create rule marks every file field outside the roots on its JSON path, and none inside', () => {
  const { base, root, roots } = layout();
  const config = {
    version: 1,
    name: 'roots',
    data: {
      tokenizer: { huggingface: join(base, 'tokenizer.json') },
      domains: [
        { name: 'a', path: join(root, 'inside.txt') },
        { name: 'b', path: join(root, 'folder') },
        { name: 'c', path: join(root, 'escape.txt') },
      ],
    },
    mixture: { policy: 'fixed', fixed: { file: `${root}/../weights.json` } },
  };
  const { diagnostics, config: valid } = validateConfigValue(config, [dataRootsRule(roots)]);
  assert.equal(valid, undefined);
  const refused = diagnostics.filter((d) => d.code === 'data-root');
  assert.deepEqual(refused.map((d) => d.path), ['data.domains[2].path', 'data.tokenizer.huggingface', 'mixture.fixed.file']);
  for (const d of refused) assert.match(d.message, outside);
  assert.ok(refused.every((d) => d.severity === 'error' && d.message.includes(roots[0])));
});

test('the training checks each file as it opens it: a link inside a domain folder that leads out is refused', async () => {
  const { base, root, roots } = layout();
  symlinkSync(join(base, 'secret.txt'), join(root, 'folder', 'zz-escape.txt'));
  const config = configWithData({ domains: [{ name: 'a', path: 'folder' }] });
  await assert.rejects(prepareCorpus(config, { configDir: root, dataRoots: roots, cacheRoot: join(base, 'cache') }), {
    name: 'UserError',
    message: /^data\.domains\[0\]\.path: .*zz-escape\.txt is outside the daemon's data roots/,
  });
  // The same folder read for the user who runs the CLI (no roots) includes the link's target.
  const local = await prepareCorpus(config, { configDir: root, cacheRoot: join(base, 'cache') });
  assert.equal(local.domains.length, 1);
});

test('the training refuses a source, a tokenizer or a fixed weights file outside the roots before opening it', async () => {
  const { base, root, roots } = layout();
  const prepare = (data: Parameters<typeof configWithData>[0]) => prepareCorpus(configWithData(data), { configDir: root, dataRoots: roots, cacheRoot: join(base, 'cache') });
  await assert.rejects(prepare({ source: { jsonl: ['../secret.txt'], domainKey: 'meta.pile_set_name', textKey: 'text' } }), { message: /^data\.source\.jsonl\[0\]: .* is outside/ });
  await assert.rejects(prepare({ domains: [{ name: 'a', path: '/no/such/file.txt' }] }), { message: /^data\.domains\[0\]\.path: \/no\/such\/file\.txt is outside/ });
  await assert.rejects(prepare({ tokenizer: { huggingface: 'escape.txt' }, domains: [{ name: 'a', path: 'inside.txt' }] }), { message: /^data\.tokenizer\.huggingface: .*escape\.txt is outside/ });
  const fixed = configWithData({ domains: [{ name: 'a', path: 'inside.txt' }] });
  fixed.mixture = { ...fixed.mixture, policy: 'fixed', fixed: { file: '../secret.txt' } };
  assert.throws(() => mixturePolicy(fixed, ['a'], Float64Array.of(1), root, roots), { name: 'UserError', message: /^mixture\.fixed\.file: .*secret\.txt is outside/ });
});
