/** How a run looks in the tree and the status bar: state icon, one-line progress, tooltip. */
import * as vscode from 'vscode';
import type { RunSummary } from '../../shared/protocol';
import type { RunState } from '../../shared/run-events';

const stateIcons: Record<RunState, vscode.ThemeIcon> = {
  created: new vscode.ThemeIcon('circle-large-outline'),
  queued: new vscode.ThemeIcon('clock'),
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  paused: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow')),
  stopped: new vscode.ThemeIcon('circle-slash'),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  interrupted: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.orange')),
};

export function runIcon(run: RunSummary): vscode.ThemeIcon {
  return stateIcons[run.state];
}

/** `run-<state>`: menus' `when` clauses use it to offer only the commands a run's state allows. */
export function runContextValue(run: RunSummary): string {
  return `run-${run.state}`;
}

/** "step 120/300 · loss 2.314 · fiction 42%" */
export function runProgress(run: RunSummary): string {
  const parts = [`step ${run.step}${run.totalSteps ? `/${run.totalSteps}` : ''}`];
  if (run.loss !== undefined) parts.push(`loss ${run.loss.toFixed(3)}`);
  if (run.topDomain) parts.push(`${run.topDomain.name} ${Math.round(run.topDomain.weight * 100)}%`);
  return parts.join(' · ');
}

export function runTooltip(run: RunSummary): vscode.MarkdownString {
  const rows = [
    `**${run.name}** — ${run.state}${run.message ? `: ${run.message}` : ''}`,
    '',
    `Policy: ${run.policy} · ${run.kind === 'external' ? 'external trainer' : 'built-in trainer'}`,
    `Progress: ${runProgress(run)}`,
  ];
  if (run.validationLoss !== undefined) rows.push(`Validation loss (uniform average): ${run.validationLoss.toFixed(3)}`);
  rows.push(`Created: ${new Date(run.createdAt).toLocaleString()}`, `Id: \`${run.id}\``);
  const tooltip = new vscode.MarkdownString(rows.join('  \n'));
  tooltip.supportThemeIcons = true;
  return tooltip;
}
