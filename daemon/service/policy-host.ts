/**
 * The daemon's handle on one external run's policy, which lives in its own worker thread
 * (policy-thread.ts): requests go out in order and are answered in order. The latest weights are
 * kept here, so `scheduler.weights` never waits behind a refit.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PolicySpec } from '../mixture/create-policy';
import { firstMessage } from '../util/first-message';
import type { PolicyState, PolicyStep, StepFeedback } from '../mixture/policy';
import type { PolicyAnswer, PolicyRequest, PolicyThreadData } from './policy-thread-messages';

type Pending = { resolve: (answer: PolicyAnswer) => void; reject: (error: Error) => void };
type RequestBody = PolicyRequest extends infer R ? (R extends PolicyRequest ? Omit<R, 'id'> : never) : never;

export class PolicyHost {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker, private latest: Float64Array) {
    worker.on('message', (answer: PolicyAnswer) => this.receive(answer));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the policy thread exited (code ${code})`)));
  }

  static async start(spec: PolicySpec): Promise<PolicyHost> {
    const { script, eval: isSource } = threadScript();
    const worker = new Worker(script, { eval: isSource, workerData: { spec } satisfies PolicyThreadData });
    const answer = await firstMessage<PolicyAnswer>(worker, 'the policy thread');
    if (answer.kind === 'ready') return new PolicyHost(worker, answer.weights);
    void worker.terminate();
    throw new Error(answer.kind === 'error' ? answer.message : `unexpected ${answer.kind} from the policy thread`);
  }

  /** The distribution for the next batch, as of the last answered request. */
  get current(): Float64Array {
    return this.latest;
  }

  async observe(feedback: StepFeedback): Promise<PolicyStep> {
    const answer = await this.request({ kind: 'observe', feedback });
    const { step } = answer as Extract<PolicyAnswer, { kind: 'observed' }>;
    this.latest = step.weights;
    return step;
  }

  /** The state after every request sent before this one. */
  async state(): Promise<PolicyState> {
    return ((await this.request({ kind: 'state' })) as Extract<PolicyAnswer, { kind: 'state' }>).state;
  }

  async restore(state: PolicyState | undefined, replay: StepFeedback[]): Promise<void> {
    this.latest = ((await this.request({ kind: 'restore', state, replay })) as Extract<PolicyAnswer, { kind: 'restored' }>).weights;
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    this.fail(new Error('the policy thread was stopped'));
    await this.worker.terminate();
  }

  private request(body: RequestBody): Promise<PolicyAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as PolicyRequest);
    });
  }

  private receive(answer: PolicyAnswer): void {
    if (answer.kind === 'ready') return;
    const waiter = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if (answer.kind === 'error') waiter?.reject(new Error(`mixture policy: ${answer.message}`));
    else waiter?.resolve(answer);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}

/**
 * What the thread runs. In a build, dist/policy-thread.js, beside the daemon's dist/ado.js. From
 * sources (tests, tsx), policy-thread-main.ts through tsx's require hook: a thread does not inherit
 * tsx's `--import` loader.
 */
function threadScript(): { script: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    const source = join(__dirname, 'policy-thread-main.ts');
    return { script: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
  }
  const bundle = join(__dirname, 'policy-thread.js');
  if (!existsSync(bundle)) throw new Error(`cannot host external policies: ${bundle} is missing (run "npm run build")`);
  return { script: bundle, eval: false };
}

