/**
 * A WebSocket client written by hand on a TCP socket, so that a test can make it stop reading
 * (a client that never reads is what the daemon's bounded outbox must survive), and later read
 * what the daemon left in the socket until its close frame. It frames and masks text messages as
 * RFC 6455 requires of clients.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export class StalledClient {
  private constructor(readonly socket: Socket) {}

  static open(port: number, token: string): Promise<StalledClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          [
            'GET / HTTP/1.1',
            `Host: 127.0.0.1:${port}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
            'Sec-WebSocket-Version: 13',
            `Authorization: Bearer ${token}`,
            '',
            '',
          ].join('\r\n'),
        );
      });
      socket.once('error', reject);
      socket.once('data', (chunk) => {
        if (!chunk.toString().startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${chunk.toString().split('\r\n')[0]}`));
        resolve(new StalledClient(socket));
      });
    });
  }

  send(message: object): void {
    this.socket.write(maskedTextFrame(JSON.stringify(message)));
  }

  /** From now on nothing is read: the kernel buffers fill and the daemon's writes back up. */
  stopReading(): void {
    this.socket.pause();
  }

  /**
   * Reads again, everything the daemon sent until it closed the connection, and returns its close
   * frame's code and reason (undefined when the connection ended without one).
   */
  async closeFrame(): Promise<{ code: number; reason: string } | undefined> {
    const chunks: Buffer[] = [];
    this.socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.resume();
    await ended;
    return lastCloseFrame(Buffer.concat(chunks));
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Walks the daemon's (unmasked) frames and returns the payload of the last close frame, if any. */
function lastCloseFrame(data: Buffer): { code: number; reason: string } | undefined {
  let close: { code: number; reason: string } | undefined;
  for (let at = 0; at + 2 <= data.length; ) {
    const opcode = data[at] & 0x0f;
    let length = data[at + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      length = data.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(at + 2));
      header = 10;
    }
    const payload = data.subarray(at + header, at + header + length);
    if (opcode === 0x8 && payload.length >= 2) close = { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') };
    at += header + length;
  }
  return close;
}

function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x81, 0x80 | length]) : length < 65536 ? Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]) : null;
  if (!header) throw new Error('frame too long for this test client');
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}
