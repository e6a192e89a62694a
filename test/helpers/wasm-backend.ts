/** For test files of the wasm kernels: the whole file runs on the wasm backend, and cpu (the unit tests' default) is back afterwards. */
import { after, before } from 'node:test';
import { selectBackend } from '../../daemon/backend/select-backend';

export function onWasmBackend(): void {
  before(async () => {
    await selectBackend('wasm');
  });
  after(async () => {
    await selectBackend('cpu');
  });
}
