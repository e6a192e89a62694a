import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitValidation } from '../../../daemon/data/split';

const tokens = Uint16Array.from({ length: 1000 }, (_, i) => i % 256);

test('the validation split is the last fraction of the stream', () => {
  const { train, validation } = splitValidation(tokens, [0], 0.1);
  assert.equal(validation.length, 100);
  assert.deepEqual([...train, ...validation], [...tokens]);
});

test('the cut moves to the nearest document start within half the held-out size', () => {
  assert.equal(splitValidation(tokens, [0, 400, 880], 0.1).validation.length, 120);
  assert.equal(splitValidation(tokens, [0, 400, 870, 910], 0.1).validation.length, 90);
});

test('without a document start near the cut, it cuts mid-document', () => {
  assert.equal(splitValidation(tokens, [0, 400, 960], 0.1).validation.length, 100);
});

test('at least one token is held out, however small the fraction', () => {
  assert.equal(splitValidation(tokens, [0], 1e-9).validation.length, 1);
});
