/**
 * Every run the daemon knows, and what may happen to it. The state machine lives here:
 *
 *   train runs     created → queued → running → completed | failed
 *                  running → paused (checkpointed) → queued …      any → stopped (final)
 *                  running | queued at a crash → interrupted → (resume) queued …
 *   external runs  running → stopped; they have no training to pause
 *                  running at a crash or shutdown → interrupted → (the trainer's next observe or
 *                  weights request, or resume) running: the trainer lives elsewhere and may come
 *                  back on its own, so its own requests resume the run, from the saved policy state
 *
 * Both transports (WebSocket and HTTP) call this class, so they cannot disagree.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { absolutizeConfigPaths } from '../../shared/client/config-paths';
import { validateConfigValue, type ResolvedRunConfig } from '../../shared/config';
import { ErrorCode, type RequestParams, type RequestResults, type RunSummary } from '../../shared/protocol';
import type { RunEventBody, RunState } from '../../shared/run-events';
import { dataRootsRule } from '../data/data-roots';
import { createRunDir } from '../runs/create-run-dir';
import { paths } from '../runs/layout';
import type { StreamedJson } from '../util/streamed-json';
import { ExternalScheduler, type ExternalRunConfig } from './external-scheduler';
import { ProtocolError, runNotFound } from './protocol-error';
import { Run } from './run';
import { RunHistory } from './run-history';
import { TrainingProcess, type WorkerEntry } from './training-process';
import { TrainingQueue } from './training-queue';

export interface RunManagerOptions {
  dataDir: string;
  /** Trainings at once. */
  concurrency: number;
  worker: WorkerEntry;
  /** Relative paths left in submitted configs resolve against this folder (the daemon's cwd). */
  configBaseDir: string;
  /** Real paths of the folders whose files submitted configs may name (daemon/data/data-roots.ts). */
  dataRoots: string[];
  log: (line: string) => void;
  /** How long a stopped training may take to finish before it is killed. */
  stopGraceMs?: number;
}

interface RunManagerEvents {
  /** A run was created, changed state, or was deleted. */
  changed: [summary: RunSummary, deleted: boolean];
}

export class RunManager extends EventEmitter<RunManagerEvents> {
  private readonly runs = new Map<string, Run>();
  private readonly histories = new Map<string, RunHistory>();
  private readonly queue: TrainingQueue;
  private readonly external: ExternalScheduler;
  /** External runs whose policy is being restored: concurrent requests wait for the same restore. */
  private readonly resumingExternal = new Map<string, Promise<void>>();
  private shuttingDown = false;

  constructor(private readonly options: RunManagerOptions) {
    super();
    this.queue = new TrainingQueue(options.concurrency, (runId) => this.launch(this.get(runId)));
    this.external = new ExternalScheduler(options.log);
  }

  /** Opens every run on disk. Runs a crash cut short become "interrupted"; their policies are restored only when resumed. */
  async load(): Promise<void> {
    const root = paths.runs(this.options.dataDir);
    if (!existsSync(root)) return;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      let run: Run;
      try {
        run = Run.open(paths.run(this.options.dataDir, entry.name));
      } catch (error) {
        this.options.log(`skipping run directory ${entry.name}: ${(error as Error).message}`);
        continue;
      }
      this.runs.set(run.id, run);
      if (run.record.kind === 'external' && run.state === 'running') run.setState('interrupted', `the daemon stopped while this run was running; ${EXTERNAL_RESUME_HINT}`);
      else if (run.state === 'running' || run.state === 'queued') {
        run.setState('interrupted', `the daemon stopped while this run was ${run.state}; resume continues from its last checkpoint`);
      }
    }
  }

  get concurrency(): number {
    return this.queue.concurrency;
  }

  list(): RunSummary[] {
    return [...this.runs.values()].map((run) => run.summary()).sort((a, b) => a.createdAt - b.createdAt);
  }

  countByState(): Partial<Record<RunState, number>> {
    const counts: Partial<Record<RunState, number>> = {};
    for (const run of this.runs.values()) counts[run.state] = (counts[run.state] ?? 0) + 1;
    return counts;
  }

  get(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw runNotFound(runId);
    return run;
  }

  create(params: RequestParams<'runs.create'>): RequestResults['runs.create'] {
    const { diagnostics, config } = validateConfigValue(absolutizeConfigPaths(params.config, this.options.configBaseDir), [dataRootsRule(this.options.dataRoots)]);
    if (!config) {
      const errors = diagnostics.filter((d) => d.severity === 'error');
      throw new ProtocolError(ErrorCode.InvalidConfig, `invalid config: ${errors.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`, { diagnostics });
    }
    const run = this.register(config.name, 'train', config.mixture.policy, config);
    this.changed(run);
    if (params.start !== false) this.enqueue(run);
    return { run: run.summary(), diagnostics };
  }

  async createExternal(params: RequestParams<'runs.createExternal'>): Promise<RunSummary> {
    const config = ExternalScheduler.describe(params);
    const run = this.register(config.name, 'external', config.mixture.policy, config);
    try {
      await this.external.host(run, config);
    } catch (error) {
      this.transition(run, 'failed', `its policy could not be started: ${(error as Error).message}`);
      throw error;
    }
    this.transition(run, 'running');
    return run.summary();
  }

  start(runId: string): RunSummary {
    const run = this.get(runId);
    this.expect(run, 'start', ['created'], 'train');
    this.enqueue(run);
    return run.summary();
  }

  async pause(runId: string): Promise<RunSummary> {
    const run = this.get(runId);
    this.expect(run, 'pause', ['queued', 'running'], 'train');
    if (this.queue.withdraw(run.id)) this.transition(run, 'paused');
    else await this.finish(run, (process) => process.pause());
    return run.summary();
  }

  async resume(runId: string): Promise<RunSummary> {
    const run = this.get(runId);
    if (run.record.kind === 'external') {
      this.expect(run, 'resume', ['interrupted']);
      await this.resumeExternal(run);
    } else {
      this.expect(run, 'resume', ['paused', 'interrupted']);
      this.enqueue(run);
    }
    return run.summary();
  }

  async stop(runId: string): Promise<RunSummary> {
    const run = this.get(runId);
    this.expect(run, 'stop', ['created', 'queued', 'running', 'paused', 'interrupted']);
    if (run.record.kind === 'external') {
      await this.external.release(run.id);
      this.transition(run, 'stopped');
    } else if (this.queue.processOf(run.id)) {
      await this.finish(run, (process) => process.stop(), this.options.stopGraceMs ?? 30_000);
    } else {
      this.queue.withdraw(run.id);
      this.transition(run, 'stopped');
    }
    return run.summary();
  }

  async delete(runId: string): Promise<void> {
    const run = this.get(runId);
    // Forget the run first, so that the training's end (below) finds nothing to update.
    this.runs.delete(run.id);
    this.histories.delete(run.id);
    this.queue.withdraw(run.id);
    await this.external.release(run.id, false);
    const process = this.queue.processOf(run.id);
    if (process) {
      process.kill();
      await process.finished;
    }
    const summary = run.summary();
    run.destroy();
    this.emit('changed', summary, true);
  }

  async observe(params: RequestParams<'scheduler.observe'>): Promise<RequestResults['scheduler.observe']> {
    const { runId, ...observation } = params;
    return this.external.observe(await this.externalRun(runId), observation);
  }

  async weights(runId: string): Promise<RequestResults['scheduler.weights']> {
    return this.external.weights(await this.externalRun(runId));
  }

  history(params: RequestParams<'runs.history'>): Promise<StreamedJson<RequestResults['runs.history']>> {
    const run = this.get(params.runId);
    let history = this.histories.get(run.id);
    if (!history) this.histories.set(run.id, (history = new RunHistory(run)));
    return history.query(params);
  }

  /**
   * Checkpoints and ends every training (they become "interrupted", resumable), snapshots every
   * external policy, and makes every log durable. Runs still queued stay queued on disk and come
   * back as interrupted.
   */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.queue.close();
    await Promise.all(
      this.queue.activeProcesses().map(async (process) => {
        process.pause();
        const killer = setTimeout(() => process.kill(), this.options.stopGraceMs ?? 30_000);
        await process.finished;
        clearTimeout(killer);
      }),
    );
    await this.external.releaseAll();
    for (const run of this.runs.values()) {
      if (run.record.kind === 'external' && run.state === 'running') run.setState('interrupted', `the daemon shut down; ${EXTERNAL_RESUME_HINT}`);
      run.close();
    }
    this.runs.clear();
  }

  /** Hosts an interrupted external run's policy again (its snapshot, then the observations logged after it) and marks it running. */
  private resumeExternal(run: Run): Promise<void> {
    let resuming = this.resumingExternal.get(run.id);
    if (!resuming) {
      resuming = this.restoreExternal(run).finally(() => this.resumingExternal.delete(run.id));
      this.resumingExternal.set(run.id, resuming);
    }
    return resuming;
  }

  private async restoreExternal(run: Run): Promise<void> {
    try {
      await this.external.restore(run);
    } catch (error) {
      const message = `its policy could not be restored: ${(error as Error).message}`;
      this.transition(run, 'failed', message);
      throw new ProtocolError(ErrorCode.InvalidRunState, `run "${run.id}" failed: ${message}`);
    }
    // Stopped, deleted or shut down while its policy was being restored.
    if (this.shuttingDown || this.runs.get(run.id) !== run || run.state !== 'interrupted') {
      await this.external.release(run.id, false);
      throw new ProtocolError(ErrorCode.InvalidRunState, `run "${run.id}" is ${run.state}; it takes no more observations`);
    }
    this.transition(run, 'running', 'resumed from its saved policy state');
  }

  private register(name: string, kind: 'train' | 'external', policy: string, config: ResolvedRunConfig | ExternalRunConfig): Run {
    const { runDir } = createRunDir({ dataDir: this.options.dataDir, name, kind, policy, config });
    const run = Run.open(runDir);
    // The log then tells a run's whole story from its first line.
    run.setState('created');
    this.runs.set(run.id, run);
    return run;
  }

  /** The external run a trainer's request is for; the trainer coming back resumes it if the daemon stopped under it. */
  private async externalRun(runId: string): Promise<Run> {
    const run = this.get(runId);
    if (run.record.kind !== 'external') {
      throw new ProtocolError(ErrorCode.InvalidRunState, `run "${runId}" trains in the daemon; only external runs take observations`);
    }
    if (run.state === 'interrupted') await this.resumeExternal(run);
    return run;
  }

  private enqueue(run: Run): void {
    this.transition(run, 'queued');
    this.queue.enqueue(run.id);
  }

  private launch(run: Run): TrainingProcess {
    const assignment = {
      config: run.config as ResolvedRunConfig,
      configDir: this.options.configBaseDir,
      dataRoots: this.options.dataRoots,
      runDir: run.dir,
      dataDir: this.options.dataDir,
      resume: hasCheckpoint(run.dir),
    };
    this.transition(run, 'running', assignment.resume ? 'resuming from the last checkpoint' : undefined);
    const process = new TrainingProcess(this.options.worker, assignment, (event) => this.record(run, event), (line) => this.options.log(`[${run.id}] ${line}`));
    void process.finished.then((result) => {
      if (this.runs.get(run.id) !== run) return; // deleted meanwhile
      // Nobody paused it: the daemon stopped under it, after a checkpoint.
      if (this.shuttingDown && result.state === 'paused') this.transition(run, 'interrupted', `the daemon shut down; ${result.message ?? 'resume continues from the last checkpoint'}`);
      else this.transition(run, result.state, result.message);
    });
    return process;
  }

  /** The daemon owns a run's state (run.json and its state events agree); the worker reports everything else. */
  private record(run: Run, event: RunEventBody): void {
    if (event.type === 'state') return;
    run.append(event);
    if (event.type === 'checkpoint') run.flush();
  }

  /** Asks the run's training to end and waits until it has; kills it after `graceMs` if given. */
  private async finish(run: Run, ask: (process: TrainingProcess) => void, graceMs?: number): Promise<void> {
    const process = this.queue.processOf(run.id)!;
    ask(process);
    const killer = graceMs === undefined ? undefined : setTimeout(() => process.kill(), graceMs);
    await process.finished;
    clearTimeout(killer);
    // The launch handler has recorded the outcome by now: it was registered on `finished` first.
  }

  private expect(run: Run, action: string, states: RunState[], kind?: 'train'): void {
    if (kind && run.record.kind !== kind) {
      throw new ProtocolError(ErrorCode.InvalidRunState, `cannot ${action} run "${run.id}": it is an external run, driven by its trainer`);
    }
    if (!states.includes(run.state)) {
      throw new ProtocolError(ErrorCode.InvalidRunState, `cannot ${action} run "${run.id}": it is ${run.state} (${action} needs ${states.join(' or ')})`, {
        state: run.state,
      });
    }
  }

  private transition(run: Run, state: RunState, message?: string): void {
    run.setState(state, message);
    this.changed(run);
  }

  private changed(run: Run): void {
    this.emit('changed', run.summary(), false);
  }
}

const EXTERNAL_RESUME_HINT = "its trainer's next observation (or runs.resume) continues it from its saved policy state";

function hasCheckpoint(runDir: string): boolean {
  const dir = paths.checkpoints(runDir);
  return existsSync(dir) && readdirSync(dir).length > 0;
}
