/**
 * Finds dead peers: every interval each client is pinged, and one that has not answered the
 * previous ping is terminated. Without it, a client whose machine slept or lost its network keeps
 * its subscriptions and buffers for as long as TCP takes to notice, which can be hours.
 */
import type WebSocket from 'ws';

export class Heartbeat {
  private readonly answered = new WeakMap<WebSocket, boolean>();
  private readonly timer: NodeJS.Timeout;

  constructor(clients: () => Iterable<WebSocket>, intervalMs: number) {
    this.timer = setInterval(() => {
      for (const socket of clients()) {
        if (this.answered.get(socket) === false) {
          socket.terminate();
          continue;
        }
        this.answered.set(socket, false);
        socket.ping();
      }
    }, intervalMs);
    this.timer.unref();
  }

  watch(socket: WebSocket): void {
    this.answered.set(socket, true);
    socket.on('pong', () => this.answered.set(socket, true));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
