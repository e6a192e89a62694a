import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventLog } from '../../../daemon/runs/event-log';
import { tempDir } from '../../helpers/temp-dir';

const logMessage = (i: number) => ({ type: 'log' as const, level: 'info' as const, message: `event ${i}` });

test('sequence numbers start at 1 and continue across reopen', () => {
  const file = join(tempDir('ado-log-'), 'events.jsonl');
  const log = EventLog.open(file, 'r1');
  for (let i = 0; i < 5; i++) log.append(logMessage(i));
  log.close();
  const reopened = EventLog.open(file, 'r1');
  assert.equal(reopened.lastSeq, 5);
  assert.equal(reopened.append(logMessage(5)).seq, 6);
  assert.deepEqual([...reopened.readFrom(3)].map((e) => e.seq), [4, 5, 6]);
  reopened.close();
});

test('a torn last line is cut off on open and its seq is reused by nothing else', () => {
  const file = join(tempDir('ado-log-'), 'events.jsonl');
  const log = EventLog.open(file, 'r1');
  for (let i = 0; i < 3; i++) log.append(logMessage(i));
  log.close();
  appendFileSync(file, '{"type":"log","level":"info","mess');
  const reopened = EventLog.open(file, 'r1');
  assert.equal(reopened.lastSeq, 3);
  assert.equal(reopened.append(logMessage(3)).seq, 4);
  reopened.close();
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).seq);
  assert.deepEqual(lines, [1, 2, 3, 4]);
});

test('readFrom returns exactly the requested range across chunk boundaries', () => {
  const file = join(tempDir('ado-log-'), 'events.jsonl');
  const log = EventLog.open(file, 'r1');
  const big = 'x'.repeat(50_000);
  for (let i = 0; i < 60; i++) log.append({ type: 'log', level: 'info', message: `${i}:${big}` });
  const seqs = [...log.readFrom(10, 55)].map((e) => e.seq);
  assert.deepEqual(seqs, Array.from({ length: 45 }, (_, i) => i + 11));
  assert.deepEqual([...log.readFrom(60)], []);
  log.close();
});
