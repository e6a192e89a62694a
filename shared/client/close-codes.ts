/**
 * WebSocket close codes the daemon uses beyond the standard ones. They are part of the wire
 * contract (shared/protocol.ts covers messages; these cover how a connection ends), so the daemon
 * and every client import them from here.
 */
export const CloseCode = {
  /** Daemon shutting down (standard "going away"): reconnect later. */
  GoingAway: 1001,
  /** A frame above the daemon's size limit (standard "message too big"). */
  MessageTooBig: 1009,
  /** The daemon failed midway through a message it had begun to send (standard "internal error"). */
  InternalError: 1011,
  /**
   * The client read too slowly: more bytes waited for it than the daemon's bound allows. Nothing
   * was dropped silently: reconnect and resubscribe each run from the last seq received.
   */
  SendQueueOverflow: 4001,
  /** The client kept sending after being rate limited. */
  RateLimitAbuse: 4002,
  /** The client had more requests waiting for answers than the daemon allows (MAX_REQUESTS_IN_FLIGHT). */
  TooManyRequestsInFlight: 4003,
} as const;

/** The daemon dropped the client for what it did, or failed it; not a shutdown or a network failure. Worth telling the user. */
export function droppedByDaemon(code: number): boolean {
  return code === CloseCode.InternalError || code >= 4000;
}

/**
 * What a client says when the daemon closed its connection: one sentence, from the daemon's reason
 * (which says what happened and what to do) or, for a bare standard close, what the code means.
 */
export function describeClose(code: number, reason: string): string {
  const why = reason || STANDARD_MEANINGS[code] || 'no reason given';
  return `the daemon closed the connection (${code}): ${why}`;
}

const STANDARD_MEANINGS: Record<number, string> = {
  1000: 'closed normally',
  1001: 'the daemon is shutting down',
  1006: 'the connection dropped without a close frame (the daemon stopped, or the network failed)',
  1009: 'a message was larger than the daemon accepts',
  1011: 'the daemon failed while sending a message',
};
