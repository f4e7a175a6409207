/**
 * What the robot prints: one progress line per procedure as it is recorded,
 * and a table at the end with each outcome and its colour (from the
 * foundation's colourOf, the only place the colour rule lives).
 */
import { colourOf } from '../lib/colour.ts';
import { isFailure } from '../lib/outcome.ts';
import { procedureKey } from '../lib/registry.ts';
import type { ProbeReport, RoundReport } from './round.ts';

/** The colour of a recorded probe, `failed` for a failure, or `-`. */
function colourText(report: ProbeReport): string {
  const row = report.result?.row;
  if (!row) return '-';
  if (isFailure(row.outcome)) return 'failed';
  return (
    colourOf({
      day: row.probed_at.slice(0, 10),
      outcome: row.outcome,
      firstDate: row.first_date,
      secondDate: row.second_date,
    }) ?? '-'
  );
}

function statusText(report: ProbeReport): string {
  if (report.status === 'already-recorded') return 'already recorded, not probed again';
  if (report.status === 'duplicate') return 'already recorded';
  if (report.status === 'not-recorded') return `NOT RECORDED: ${report.error}`;
  return report.error ? `recorded; ${report.error}` : '';
}

/** `[ 3/50] 93/slug: none (noir) Il n'existe plus… 0.4 s` */
export function formatProgressLine(report: ProbeReport, done: number, total: number): string {
  const width = String(total).length;
  const row = report.result?.row;
  const what = row
    ? `${row.outcome}${row.first_date ? ` ${row.first_date}` : ''}${row.second_date ? ` ${row.second_date}` : ''} (${colourText(report)})`
    : '';
  const parts = [
    `[${String(done).padStart(width)}/${total}]`,
    `${procedureKey(report.procedure)}:`,
    what,
    row?.detail ? `- ${row.detail}` : '',
    statusText(report),
    `${(report.milliseconds / 1000).toFixed(1)} s`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** The end-of-round table and totals. */
export function formatSummary(round: RoundReport): string {
  const header = ['procedure', 'outcome', 'colour', 'first_date', 'second_date', 'detail'];
  const rows = round.probes.map((report) => {
    const row = report.result?.row;
    const detail = report.status === 'written' ? (row?.detail ?? '') : statusText(report);
    return [
      procedureKey(report.procedure),
      row?.outcome ?? '-',
      colourText(report),
      row?.first_date ?? '',
      row?.second_date ?? '',
      detail.length > 70 ? `${detail.slice(0, 69)}…` : detail,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const counts = new Map<string, number>();
  for (const report of round.probes) {
    const outcome = report.result?.row.outcome;
    if (outcome && report.status === 'written') counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  const written = round.probes.filter((report) => report.status === 'written').length;
  const notRecorded = round.probes.filter((report) => report.status === 'not-recorded').length;
  const already = round.probes.length - written - notRecorded;
  const totals = [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  const lines = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), ''];
  lines.push(
    `${round.day}: ${written} recorded${totals ? ` (${totals})` : ''}, ${already} already recorded, ${notRecorded} not recorded, ${round.skipped.length} skipped, in ${(round.milliseconds / 1000).toFixed(1)} s`,
  );
  for (const { procedure, reason } of round.skipped) lines.push(`skipped ${procedureKey(procedure)}: ${reason}`);
  return lines.join('\n');
}
