/** A DaemonLink straight over a DaemonClient, for tests against a real daemon (the extension's panels use its DaemonConnection). */
import type { DaemonClient } from '../../../shared/client/daemon-client';
import type { DaemonLink } from '../../../extension/panels/daemon-link';

export function clientDaemonLink(client: DaemonClient): DaemonLink {
  return {
    capabilities: () => client.info.capabilities,
    request: (method, params) => client.request(method, params),
    subscribe: (runId, fromSeq, listener) => client.subscribe(runId, listener, { fromSeq }),
  };
}
