/**
 * A run directory read into what the report draws, in bounded memory whatever the run's length:
 * step metrics stream into the charts' own RunData (whose bucket table also rewinds a resumed
 * run's repeated steps) and leave it as at most `maxPoints` averaged points; evaluations and
 * refits are kept whole (a later event for the same step replaces an earlier one), and only the
 * newest refit keeps its observed points, the only ones the law charts draw.
 */
import { RunData, StepColumns, X_COLUMNS } from '../../media/charts/run-data';
import { groupMeans, rowGroups } from '../../media/charts/row-groups';
import type { ReportRun } from '../../media/report/report-payload';
import type { StepHistory } from '../../shared/protocol';
import type { EvalEvent, FitEvent, MetaEvent, RunEvent } from '../../shared/run-events';
import { paths } from '../runs/layout';
import { EventFileError, readEvents } from '../runs/read-events';
import { readRunRecord } from '../runs/run-record';
import { RunProgress } from '../service/run-summary';

type Stored<T> = RunEvent & T;

export async function readRunSnapshot(runDir: string, maxPoints: number): Promise<ReportRun> {
  const record = readRunRecord(runDir);
  const file = paths.events(runDir);
  const data = new RunData(record.id);
  const progress = new RunProgress();
  const evals = new Map<number, Stored<EvalEvent>>();
  const fits = new Map<number, Stored<FitEvent>>();
  let meta: Stored<MetaEvent> | null = null;
  let lastStep = -1;
  let expectedSeq = 1;
  for await (const event of readEvents(file)) {
    if (event.seq !== expectedSeq) {
      throw new EventFileError(`${file}: event ${expectedSeq} is followed by event ${event.seq}; the event log is damaged (lines missing or out of order)`);
    }
    expectedSeq++;
    if (event.type === 'step' && !meta) throw new EventFileError(`${file}: step ${event.step} comes before the run's meta event; the event log is damaged`);
    if (event.type === 'meta') meta = event;
    else if (event.type === 'step') lastStep = event.step;
    else if (event.type === 'eval') evals.set(event.step, event);
    else if (event.type === 'fit') fits.set(event.step, event);
    data.applyEvent(event);
    progress.apply(event);
  }
  // Events past the last step belong to a timeline a resume abandoned and never reached again.
  const kept = <T extends { step: number }>(events: Map<number, T>) => [...events.values()].filter((e) => e.step <= lastStep).sort((a, b) => a.step - b.step);
  const fitList = kept(fits);
  return {
    summary: progress.summarise(record),
    history: {
      meta,
      steps: stepHistory(data, maxPoints),
      evals: kept(evals),
      fits: fitList.map((fit, i) => (i === fitList.length - 1 ? fit : { ...fit, points: { n: [], loss: [] } })),
    },
    result: data.result,
    warnings: data.logs.filter((entry) => entry.level !== 'info').map((entry) => entry.message),
  };
}

/** The step table averaged into at most `maxPoints` groups of consecutive rows. */
function stepHistory(data: RunData, maxPoints: number): StepHistory {
  const table = data.steps;
  const columns = data.stepColumns;
  const groups = rowGroups(table?.rows ?? 0, maxPoints);
  const column = (index: number) => (table ? Array.from(groupMeans(table.column(index), groups)) : []);
  const nullable = (values: number[]) => values.map((v) => (Number.isFinite(v) ? v : null));
  const domains = data.domains.map((_, k) => k);
  const epochs = domains.map((k) => column(columns.epochs(k)));
  return {
    step: column(X_COLUMNS.step),
    tokens: column(X_COLUMNS.tokens),
    elapsedMs: column(X_COLUMNS.elapsedMs),
    loss: nullable(column(StepColumns.loss)),
    domainLosses: domains.map((k) => nullable(column(columns.domainLoss(k)))),
    weights: domains.map((k) => column(columns.weight(k))),
    ...(epochs.some((series) => series.some(Number.isFinite)) && { epochs }),
  };
}
