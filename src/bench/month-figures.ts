/**
 * The month statistics both engines must agree on, in one comparable shape,
 * keyed `department/slug/YYYY-MM`.
 */
import { COLOURS, type Colour } from '../lib/colour.ts';
import type { MonthStatistics } from '../lib/month-statistics.ts';

/** What one engine computed for one procedure-month. */
export interface MonthFigures {
  successful: number;
  counts: Record<Colour, number>;
  failed: number;
  /** Failed probes by code, codes sorted. */
  failures: Record<string, number>;
  firstProbe: number | null;
  lastProbe: number | null;
  probedHours: number;
}

/** The figures of the project's month statistics. */
export function figuresOf(statistics: MonthStatistics): MonthFigures {
  const failures = Object.fromEntries(
    Object.entries(statistics.failures).sort(([a], [b]) => a.localeCompare(b)),
  ) as Record<string, number>;
  const counts = Object.fromEntries(COLOURS.map((colour) => [colour, statistics.counts[colour]])) as Record<
    Colour,
    number
  >;
  return {
    successful: statistics.successful,
    counts,
    failed: statistics.failed,
    failures,
    firstProbe: statistics.firstProbe,
    lastProbe: statistics.lastProbe,
    probedHours: statistics.probedHours,
  };
}

/** Every procedure-month where the two engines differ, as printable lines (empty when they agree). */
export function differences(ours: Record<string, MonthFigures>, reference: Record<string, MonthFigures>): string[] {
  const lines: string[] = [];
  for (const key of [...new Set([...Object.keys(ours), ...Object.keys(reference)])].sort()) {
    const a = JSON.stringify(ours[key] ?? null);
    const b = JSON.stringify(reference[key] ?? null);
    if (a !== b) lines.push(`${key}: ours ${a}, DuckDB ${b}`);
  }
  return lines;
}

/** Probes of each colour over every month: the benchmark must exercise all five. */
export function colourTotals(figures: Record<string, MonthFigures>): Record<Colour, number> {
  const totals = Object.fromEntries(COLOURS.map((colour) => [colour, 0])) as Record<Colour, number>;
  for (const month of Object.values(figures)) for (const colour of COLOURS) totals[colour] += month.counts[colour];
  return totals;
}

/** What a statistics child process reports. */
export interface EngineRun {
  seconds: number;
  /** Peak resident memory of the child process, MB. */
  peakMb: number;
  figures: Record<string, MonthFigures>;
  /** e.g. DuckDB's thread count. */
  note: string;
}
