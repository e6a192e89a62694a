/**
 * The bound on requests in flight, from both ends: the daemon's connection closes a client past it
 * with a code and a reason, DaemonClient never goes past it, and a close becomes one sentence in
 * DaemonClient's error and in the extension's message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { ClientConnection } from '../../../daemon/server/client-connection';
import { DEFAULT_SERVER_LIMITS } from '../../../daemon/server/daemon-server';
import type { MethodTable } from '../../../daemon/server/methods';
import { describeConnectionFailure } from '../../../extension/daemon/failure-messages';
import { CloseCode } from '../../../shared/client/close-codes';
import { DaemonClient, DaemonConnectionError } from '../../../shared/client/daemon-client';
import { MAX_REQUESTS_IN_FLIGHT, PROTOCOL_VERSION } from '../../../shared/protocol';

/** The side of a ws socket a ClientConnection uses; every write completes at once. */
class FakeSocket extends EventEmitter {
  readonly sent: string[] = [];
  closed: { code: number; reason: string } | undefined;
  send(frame: string, _options: unknown, done: () => void) {
    this.sent.push(frame);
    setImmediate(done);
  }
  close(code: number, reason: string) {
    this.closed ??= { code, reason };
  }
  terminate() {}
  receive(message: object) {
    this.emit('message', Buffer.from(JSON.stringify(message)), false);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('past its bound of requests in flight a connection is closed with 4003 and a reason, and answers nothing more', async () => {
  const socket = new FakeSocket();
  const methods = {
    initialize: (_params: unknown, connection: ClientConnection) => (connection.markInitialized('test'), {}),
    // Never answered: each stays in flight.
    'daemon.status': () => new Promise(() => {}),
  } as unknown as MethodTable;
  new ClientConnection(socket as unknown as WebSocket, methods, { ...DEFAULT_SERVER_LIMITS, requestsInFlight: 3 }, () => {});
  socket.receive({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { client: 'test', protocolVersion: PROTOCOL_VERSION } });
  await tick();
  for (let id = 1; id <= 3; id++) socket.receive({ jsonrpc: '2.0', id, method: 'daemon.status', params: {} });
  await tick();
  assert.equal(socket.closed, undefined, 'three in flight is within the bound');
  socket.receive({ jsonrpc: '2.0', id: 4, method: 'daemon.status', params: {} });
  assert.deepEqual(socket.closed, { code: CloseCode.TooManyRequestsInFlight, reason: 'more than 3 requests waited for answers; wait for answers before sending more' });
  socket.receive({ jsonrpc: '2.0', id: 5, method: 'runs.list', params: {} });
  await tick();
  assert.equal(socket.sent.length, 1, 'only the initialize reply went out');
});

/** A stand-in daemon: answers initialize at once, holds every other request until `answerHeld`. */
async function scriptedDaemon() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const held: { socket: WebSocket; id: number }[] = [];
  let mostHeld = 0;
  server.on('connection', (socket) =>
    socket.on('message', (data) => {
      const { id, method } = JSON.parse(data.toString());
      if (method === 'initialize') return socket.send(JSON.stringify({ jsonrpc: '2.0', id, result: { daemonVersion: 't', protocolVersion: PROTOCOL_VERSION, capabilities: [], backend: {} } }));
      held.push({ socket, id });
      mostHeld = Math.max(mostHeld, held.length);
    }),
  );
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    get mostHeld() {
      return mostHeld;
    },
    answerHeld() {
      for (const { socket, id } of held.splice(0)) socket.send(JSON.stringify({ jsonrpc: '2.0', id, result: {} }));
    },
    closeAll(code: number, reason: string) {
      for (const socket of server.clients) socket.close(code, reason);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

test('DaemonClient never has more than MAX_REQUESTS_IN_FLIGHT requests unanswered; the rest go out as answers come', async () => {
  const daemon = await scriptedDaemon();
  const client = await DaemonClient.connect({ url: daemon.url, token: 't', clientName: 'test', reconnect: false });
  let answered = 0;
  const requests = Array.from({ length: 3 * MAX_REQUESTS_IN_FLIGHT + 5 }, () => client.request('runs.list', {}).then(() => answered++));
  while (answered < requests.length) {
    while (daemon.held.length < Math.min(MAX_REQUESTS_IN_FLIGHT, requests.length - answered)) await tick();
    // A few more turns of the event loop, in which a client without the bound would send more.
    for (let i = 0; i < 5; i++) await tick();
    daemon.answerHeld();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(requests);
  assert.equal(daemon.mostHeld, MAX_REQUESTS_IN_FLIGHT);
  client.close();
  await daemon.close();
});

test('a close by the daemon fails the requests in flight with one sentence, which the extension words for the user', async () => {
  const daemon = await scriptedDaemon();
  const client = await DaemonClient.connect({ url: daemon.url, token: 't', clientName: 'test', reconnect: false });
  const pending = client.request('runs.list', {});
  while (daemon.held.length === 0) await tick();
  const reason = 'more than 4 MiB waited for this client to read; reconnect and resubscribe from the last seq';
  daemon.closeAll(CloseCode.SendQueueOverflow, reason);
  const error = (await pending.then(() => assert.fail('answered'), (e: unknown) => e)) as DaemonConnectionError;
  assert.ok(error instanceof DaemonConnectionError);
  assert.equal(error.message, `the daemon closed the connection (4001): ${reason}`);
  assert.deepEqual(error.close, { code: CloseCode.SendQueueOverflow, reason });
  assert.deepEqual(describeConnectionFailure(error, { kind: 'local', url: daemon.url }), {
    kind: 'dropped',
    message: `ADO Studio: the local daemon at ${daemon.url} closed this window's connection: ${reason}.`,
  });
  client.close();
  await daemon.close();
});
