/**
 * The worker-thread side of an external run's policy: builds the configured policy (inside its
 * weight caps when the mixture sets any) and answers PolicyRequests one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { epochLimits } from '../../shared/planned-epochs';
import { capBounds } from '../../shared/weight-caps';
import { CappedPolicy } from '../mixture/capped-policy';
import { createPolicy } from '../mixture/create-policy';
import type { MixturePolicy } from '../mixture/policy';
import type { PolicyAnswer, PolicyRequest, PolicyThreadData } from './policy-thread-messages';

export function servePolicy(): void {
  const port = parentPort;
  if (!port) throw new Error('servePolicy must run in a worker thread');
  const post = (answer: PolicyAnswer) => port.postMessage(answer);
  const policy = build(workerData as PolicyThreadData);
  port.on('message', (request: PolicyRequest) => {
    try {
      post(answer(policy, request));
    } catch (error) {
      post({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
  post({ kind: 'ready', weights: policy.current() });
}

function build({ spec }: PolicyThreadData): MixturePolicy {
  const policy = createPolicy(spec);
  const { caps } = spec.mixture;
  if (caps === undefined) return policy;
  return new CappedPolicy(policy, capBounds(spec.domains, caps), { maxEpochs: epochLimits(spec.domains, undefined), onExhausted: 'warn' });
}

function answer(policy: MixturePolicy, request: PolicyRequest): PolicyAnswer {
  switch (request.kind) {
    case 'observe':
      return { id: request.id, kind: 'observed', step: policy.observe(request.feedback) };
    case 'state':
      return { id: request.id, kind: 'state', state: policy.state() };
    case 'restore':
      if (request.state) policy.restore(request.state);
      for (const feedback of request.replay) policy.observe(feedback);
      return { id: request.id, kind: 'restored', weights: policy.current() };
  }
}
