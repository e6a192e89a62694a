/**
 * The plain-HTTP API for external trainers (shared/protocol.ts HttpRoutes), on the daemon's port
 * with the same bearer token: Python's standard library has no WebSocket client. Bodies are JSON
 * validated against the same protocol schemas as the WebSocket methods, and errors carry the same
 * codes, as `{"error": {code, message, data}}` with a matching HTTP status.
 *
 * Requests must say `Content-Type: application/json`. A web page can only send that with a CORS
 * preflight, which this server never approves, so no page can drive it even without the token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../shared/protocol';
import { ProtocolError, runNotFound } from '../service/protocol-error';
import type { RunManager } from '../service/run-manager';
import { pathBeyondDepth } from '../../shared/json-depth';
import { tooDeepError } from './json-rpc';
import { checkParams } from './params';

const MAX_BODY_BYTES = 1024 * 1024;

const STATUS_OF_CODE: Record<number, number> = {
  [ErrorCode.ParseError]: 400,
  [ErrorCode.InvalidRequest]: 400,
  [ErrorCode.InvalidParams]: 400,
  [ErrorCode.InvalidConfig]: 400,
  [ErrorCode.InvalidFeedback]: 400,
  [ErrorCode.RunNotFound]: 404,
  [ErrorCode.MethodNotFound]: 404,
  [ErrorCode.InvalidRunState]: 409,
  [ErrorCode.RateLimited]: 429,
};

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle(manager: RunManager, runId: string | undefined, body: unknown): unknown;
}

const routes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/runs$/,
    handle: async (manager, _runId, body) => ({ run: await manager.createExternal(checkParams('runs.createExternal', body)) }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/runs\/([^/]+)$/,
    handle: (manager, runId) => {
      const run = manager.get(runId!);
      return { run: run.summary(), config: run.config };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/runs\/([^/]+)\/observe$/,
    handle: (manager, runId, body) =>
      manager.observe(checkParams('scheduler.observe', { ...(body as object), runId }, ErrorCode.InvalidFeedback)),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/runs\/([^/]+)\/weights$/,
    handle: (manager, runId) => manager.weights(runId!),
  },
];

/** Answers one authenticated HTTP request. */
export async function handleHttpRequest(manager: RunManager, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const path = new URL(request.url ?? '/', 'http://daemon').pathname;
    const matching = routes.filter((route) => route.pattern.test(path));
    if (matching.length === 0) throw new ProtocolError(ErrorCode.MethodNotFound, `no route ${request.method} ${path}; see the HTTP API in the README`);
    const route = matching.find((r) => r.method === request.method);
    if (!route) {
      response.setHeader('Allow', matching.map((r) => r.method).join(', '));
      return sendJson(response, 405, { error: { code: ErrorCode.InvalidRequest, message: `${path} takes ${matching.map((r) => r.method).join(' or ')}` } });
    }
    const runId = decodeRunId(route.pattern.exec(path)![1]);
    const body = route.method === 'POST' ? await readJsonBody(request) : undefined;
    sendJson(response, 200, await route.handle(manager, runId, body));
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      response.setHeader('Connection', 'close');
      return sendJson(response, 413, { error: { code: ErrorCode.InvalidRequest, message: error.message } });
    }
    const problem = error instanceof ProtocolError ? error : new ProtocolError(ErrorCode.InternalError, `internal error: ${(error as Error).message}`);
    sendJson(response, STATUS_OF_CODE[problem.code] ?? 500, { error: problem.toJson() });
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}

function decodeRunId(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw runNotFound(segment);
  }
}

class BodyTooLarge extends Error {}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ProtocolError(ErrorCode.InvalidRequest, `send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}")`);
  }
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Stop reading but keep the socket: the 413 reply still has to go out on it.
      request.removeAllListeners('data');
      request.pause();
      reject(new BodyTooLarge(`the body is larger than ${MAX_BODY_BYTES} bytes`));
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProtocolError(ErrorCode.ParseError, 'the body is not valid JSON (note: NaN and Infinity are not JSON; send finite numbers or null)');
  }
  const tooDeep = pathBeyondDepth(body);
  if (tooDeep) throw tooDeepError(tooDeep, 'body');
  return body;
}
