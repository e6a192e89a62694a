/** A DaemonLink over shared/client's DaemonClient, which already resubscribes losslessly after reconnects. */
import type { DaemonClient } from '../../shared/client/daemon-client';
import type { DaemonLink } from './daemon-link';

export function clientDaemonLink(client: DaemonClient): DaemonLink {
  return {
    request: (method, params) => client.request(method, params),
    subscribe: (runId, fromSeq, listener) => client.subscribe(runId, listener, { fromSeq }),
  };
}
