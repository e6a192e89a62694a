/**
 * A WebSocket client written by hand on a TCP socket, so that a test can make it stop reading
 * (a client that never reads is what the daemon's bounded outbox must survive). It frames and
 * masks text messages as RFC 6455 requires of clients.
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

  destroy(): void {
    this.socket.destroy();
  }
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
