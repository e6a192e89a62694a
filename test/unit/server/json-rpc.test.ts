import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '../../../shared/protocol';
import { isRejected, parseFrame } from '../../../daemon/server/json-rpc';
import { checkParams } from '../../../daemon/server/params';
import { ProtocolError } from '../../../daemon/service/protocol-error';

test('frames that are not requests are rejected with the right code and id', () => {
  const cases: [string, number, unknown][] = [
    ['not json', ErrorCode.ParseError, null],
    ['[1, 2]', ErrorCode.InvalidRequest, null],
    ['"text"', ErrorCode.InvalidRequest, null],
    ['{"jsonrpc": "1.0", "id": 3, "method": "runs.list"}', ErrorCode.InvalidRequest, 3],
    ['{"jsonrpc": "2.0", "method": "runs.list"}', ErrorCode.InvalidRequest, null],
    ['{"jsonrpc": "2.0", "id": "a", "method": 7}', ErrorCode.InvalidRequest, 'a'],
  ];
  for (const [text, code, id] of cases) {
    const frame = parseFrame(text);
    assert.ok(isRejected(frame), text);
    assert.equal(frame.error.code, code, text);
    assert.equal(frame.id, id, text);
  }
  assert.deepEqual(parseFrame('{"jsonrpc": "2.0", "id": 1, "method": "runs.list"}'), { id: 1, method: 'runs.list', params: {} });
});

test('params are checked against the protocol schema with readable paths', () => {
  assert.deepEqual(checkParams('runs.get', { runId: 'r' }), { runId: 'r' });
  assert.throws(
    () => checkParams('scheduler.observe', { runId: 'r', step: 1, counts: [1, -2], losses: [1, 1] }, ErrorCode.InvalidFeedback),
    (error: ProtocolError) => error.code === ErrorCode.InvalidFeedback && /counts\[1\] must be >= 0/.test(error.message),
  );
  assert.throws(
    () => checkParams('runs.list', { extra: true }),
    (error: ProtocolError) => error.code === ErrorCode.InvalidParams && /"extra"/.test(error.message),
  );
});
