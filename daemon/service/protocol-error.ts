/**
 * An error with a protocol ErrorCode (shared/protocol.ts). The run service throws it; the
 * WebSocket layer turns it into a JSON-RPC error reply and the HTTP layer into a status code, so
 * both transports report the same failure the same way.
 */
import { ErrorCode, type JsonRpcError } from '../../shared/protocol';

export class ProtocolError extends Error {
  constructor(readonly code: number, message: string, readonly data?: unknown) {
    super(message);
    this.name = 'ProtocolError';
  }

  toJson(): JsonRpcError {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

export const runNotFound = (runId: string) => new ProtocolError(ErrorCode.RunNotFound, `no run with id "${runId}"`);
