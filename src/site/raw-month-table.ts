/**
 * The body of a raw-data month table, as one HTML string. A month of hourly
 * probes is ~740 rows and the site may hold 36,000 months, so the rows are
 * built here as compact markup (optional end tags omitted, one `tbody` per
 * day) rather than as an Astro component tree: rendering stays linear and the
 * pages stay small, while every month remains readable and printable without
 * JavaScript.
 */
import { formatDay } from '../lib/format.ts';
import { OUTCOME_LABELS } from '../lib/outcome.ts';
import type { Probe } from '../lib/probe.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => ESCAPES[character]!);
}

/** The two result cells of a probe: the dates offered, or what happened instead. */
function resultCells(probe: Probe): string {
  if (probe.outcome === 'slots') {
    const second = probe.secondDate ? formatDay(probe.secondDate) : 'aucune autre date';
    return `<td>${formatDay(probe.firstDate)}<td>${second}`;
  }
  // The most common row by far: kept to the bone (the empty second cell is implied).
  if (probe.outcome === 'none') return '<td>Aucune date';
  const detail = probe.detail ? ` (${escapeHtml(probe.detail)})` : '';
  return `<td colspan=2 class=f>${escapeHtml(OUTCOME_LABELS[probe.outcome])}${detail}`;
}

/**
 * The probe's time on the Paris clock; on the night the clocks go back the
 * same reading happens twice, so it then carries its UTC offset.
 */
function clockLabel(probe: Probe, dayClockTimes: readonly string[]): string {
  const reading = probe.time.slice(0, 5);
  const repeated = dayClockTimes.indexOf(reading) !== dayClockTimes.lastIndexOf(reading);
  return repeated ? `${reading} (UTC${probe.probedAt.slice(-6, -3)})` : reading;
}

/**
 * One `tbody` per day, the date written once, in the day's first row, as in
 * La Cimade's printouts. `data-day` lets the range filter hide
 * whole days.
 */
export function rawMonthRows(probes: readonly Probe[]): string {
  const days = new Map<string, Probe[]>();
  for (const probe of probes) {
    const day = days.get(probe.day) ?? [];
    day.push(probe);
    days.set(probe.day, day);
  }
  const parts: string[] = [];
  for (const [day, dayProbes] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...dayProbes].sort((a, b) => a.instant - b.instant);
    parts.push(`<tbody data-day=${day}>`);
    const clockTimes = sorted.map((probe) => probe.time.slice(0, 5));
    sorted.forEach((probe, index) => {
      // No rowspan: browsers will not break a printed page inside a spanned cell.
      const dateCell = index === 0 ? `<th scope=rowgroup>${formatDay(day)}` : '<td>';
      parts.push(`<tr>${dateCell}<td>${clockLabel(probe, clockTimes)}${resultCells(probe)}\n`);
    });
    parts.push('</tbody>');
  }
  return parts.join('');
}
