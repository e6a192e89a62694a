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
  /**
   * The client read too slowly and its bounded send queue overflowed. Nothing was dropped
   * silently: reconnect and resubscribe each run from the last seq received.
   */
  SendQueueOverflow: 4001,
  /** The client kept sending after being rate limited. */
  RateLimitAbuse: 4002,
} as const;
