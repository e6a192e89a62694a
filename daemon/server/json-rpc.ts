/**
 * JSON-RPC 2.0 framing: turning a text frame into a request or an error reply, and encoding
 * replies and notifications. Every way a frame can be wrong maps to a reply, never to a throw,
 * so one bad client message cannot take its connection (or the daemon) down.
 */
import type { JsonPath } from '../../shared/config/diagnostics';
import { MAX_JSON_DEPTH, describeDeepPath, pathBeyondDepth } from '../../shared/json-depth';
import { ErrorCode, type NotificationMethod, type Notifications } from '../../shared/protocol';
import { ProtocolError } from '../service/protocol-error';
import type { StreamedJson } from '../util/streamed-json';

type RequestId = number | string;

export interface IncomingRequest {
  id: RequestId;
  method: string;
  params: unknown;
}

/** A frame that is not a request: the error to reply with, under the frame's id when it has a usable one. */
export interface RejectedFrame {
  id: RequestId | null;
  error: ProtocolError;
}

export function parseFrame(text: string): IncomingRequest | RejectedFrame {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { id: null, error: new ProtocolError(ErrorCode.ParseError, 'the frame is not valid JSON') };
  }
  if (Array.isArray(message)) return { id: null, error: new ProtocolError(ErrorCode.InvalidRequest, 'batches are not supported; send one request per frame') };
  if (typeof message !== 'object' || message === null) return { id: null, error: new ProtocolError(ErrorCode.InvalidRequest, 'a request is a JSON object') };
  const { jsonrpc, id, method, params } = message as Record<string, unknown>;
  const usableId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
  const invalid = (reason: string) => ({ id: usableId, error: new ProtocolError(ErrorCode.InvalidRequest, reason) });
  if (jsonrpc !== '2.0') return invalid('"jsonrpc" must be "2.0"');
  if (usableId === null) return invalid('"id" must be a number or a string (the daemon takes no client notifications)');
  if (typeof method !== 'string') return invalid('"method" must be a string');
  const tooDeep = pathBeyondDepth(params);
  if (tooDeep) return { id: usableId, error: tooDeepError(tooDeep, 'params') };
  return { id: usableId, method, params: params ?? {} };
}

/** Checked before the params reach anything that recurses (the schema check, config validation, logging). */
export function tooDeepError(path: JsonPath, root: string): ProtocolError {
  return new ProtocolError(
    ErrorCode.InvalidParams,
    `${describeDeepPath(path, root)} is nested more than ${MAX_JSON_DEPTH} levels deep; no request needs that many, so remove the extra nesting`,
  );
}

export function isRejected(frame: IncomingRequest | RejectedFrame): frame is RejectedFrame {
  return 'error' in frame;
}

export function encodeResult(id: RequestId, result: unknown): string {
  return `${resultPrefix(id)}${JSON.stringify(result)}}`;
}

/** The same reply as encodeResult, as parts: the result's own come as the outbox asks for them. */
export function* encodeResultParts(id: RequestId, result: StreamedJson<unknown>): Generator<string> {
  yield resultPrefix(id);
  yield* result.parts();
  yield '}';
}

function resultPrefix(id: RequestId): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":`;
}

export function encodeError(id: RequestId | null, error: ProtocolError): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: error.toJson() });
}

export function encodeNotification<N extends NotificationMethod>(method: N, params: Notifications[N]): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params });
}
