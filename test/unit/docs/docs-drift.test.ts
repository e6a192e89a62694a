// Documentation that must change when the code it describes changes (rust-analyzer's docs-drift
// guard is the model): the config reference is regenerated and compared, and the protocol section
// of docs/ARCHITECTURE.md must name every message and carry the hash of the files defining them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configReference } from '../../../scripts/docs/config-reference';
import { HttpRoutes, Requests } from '../../../shared/protocol';

const root = resolve(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const PROTOCOL_FILES = ['shared/protocol.ts', 'shared/run-events.ts'];

test('docs/config-reference.md matches the run-config schema', () => {
  assert.equal(read('docs/config-reference.md'), configReference() + '\n', 'the schema changed: run `npm run docs:config` and commit docs/config-reference.md');
});

test('docs/ARCHITECTURE.md names every request, notification, HTTP route and run event', () => {
  const doc = read('docs/ARCHITECTURE.md');
  const notifications = [...read('shared/protocol.ts').matchAll(/^\s+'([a-z.]+)': .*;$/gm)].map((m) => m[1]).filter((name) => !(name in Requests));
  const eventTypes = [...read('shared/run-events.ts').matchAll(/^\s+type: '(\w+)';$/gm)].map((m) => m[1]);
  const routes = Object.values(HttpRoutes).map((route) => `${route}`);
  assert.ok(notifications.includes('run.event') && eventTypes.includes('step'), 'the definitions were parsed');
  const missing = [...Object.keys(Requests), ...notifications, ...eventTypes, ...routes].filter((name) => !doc.includes(`\`${name}\``));
  assert.deepEqual(missing, [], 'describe these in the protocol section of docs/ARCHITECTURE.md');
});

test('docs/ARCHITECTURE.md was updated with the last protocol change', () => {
  const hash = createHash('sha256').update(PROTOCOL_FILES.map(read).join('\0')).digest('hex').slice(0, 16);
  const recorded = /<!-- protocol hash: ([0-9a-f]+) -->/.exec(read('docs/ARCHITECTURE.md'))?.[1];
  assert.equal(
    recorded,
    hash,
    `${PROTOCOL_FILES.join(' or ')} changed: check that the protocol section of docs/ARCHITECTURE.md still describes it, then set its "protocol hash" line to ${hash}`,
  );
});
