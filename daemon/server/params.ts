/**
 * Runtime validation of request params against shared/protocol.ts's TypeBox schemas, compiled
 * once with Ajv, so the daemon checks exactly what the protocol declares.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { ErrorCode, Requests, type RequestMethod, type RequestParams } from '../../shared/protocol';
import { ProtocolError } from '../service/protocol-error';

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>(Object.entries(Requests).map(([method, schema]) => [method, ajv.compile(schema)]));

export function isKnownMethod(method: string): method is RequestMethod {
  return validators.has(method);
}

/**
 * The params, typed, or a ProtocolError naming every problem. `code` lets a method report schema
 * violations under its own error code (scheduler.observe answers InvalidFeedback).
 */
export function checkParams<M extends RequestMethod>(method: M, params: unknown, code: number = ErrorCode.InvalidParams): RequestParams<M> {
  const validate = validators.get(method)!;
  if (validate(params)) return params as RequestParams<M>;
  const problems = (validate.errors ?? []).map(describe);
  throw new ProtocolError(code, `invalid params for ${method}: ${problems.join('; ')}`, { problems });
}

/** "counts[2] must be >= 0" rather than Ajv's "/counts/2 must be >= 0". */
function describe(error: ErrorObject): string {
  const where = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const extra = error.keyword === 'additionalProperties' ? ` ("${(error.params as { additionalProperty: string }).additionalProperty}")` : '';
  return `${where || 'params'} ${error.message ?? 'is invalid'}${extra}`;
}
