/**
 * bench/RESULTS.md: one section per scale, replaced by each run of that
 * scale, each figure beside issue 14's target and whether it is met. Only
 * measured figures are written; a part that was not run says so.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { OneMoreHour } from './one-more-hour.ts';
import type { BenchReport } from './run.ts';

const HEADER = `# Benchmark results

Written by \`npm run bench -- --scale NAME\` (see DEVELOPERS.md), one section per
scale, each replaced by the latest run of that scale. The targets are issue 14's,
set for the full scale (300 procedures × 120 months) on a 2-core machine; a
target set for the full scale is not judged on a smaller one. The machine is
shared with other processes: the load average is given with every run.
`;

const seconds = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} s`;
const mb = (value: number | null) => (value === null ? 'not measured' : `${value.toFixed(0)} MB`);
const verdict = (met: boolean) => (met ? '**met**' : '**not met**');

/** The markdown section of one run. */
export function resultsSection(report: BenchReport): string {
  const { scale, machine } = report;
  const full = scale.procedures === 300 && scale.months === 120;
  const atFull = (met: boolean) => (full ? verdict(met) : 'not judged at this scale');
  const ratio = report.ours.seconds / report.duckdb.seconds;
  const lines = [
    `<!-- scale:${scale.name} -->`,
    `## Scale \`${scale.name}\`: ${scale.procedures} procedures × ${scale.months} months`,
    '',
    `Run ${machine.date} on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}; load average ${machine.loadAtStart.map((load) => load.toFixed(2)).join(' / ')} (1 / 5 / 15 min) at start, ${machine.loadAtEnd.map((load) => load.toFixed(2)).join(' / ')} at the end.`,
    '',
    `Data: ${report.probes.toLocaleString('en')} probes in ${report.monthFiles.toLocaleString('en')} month files, generated in ${seconds(report.generateSeconds)}. Probes by colour: ${Object.entries(
      report.colours,
    )
      .map(([colour, count]) => `${colour} ${count.toLocaleString('en')}`)
      .join(', ')}.`,
    '',
    '| Measure | Figure | Target (issue 14) | |',
    '| --- | --- | --- | --- |',
    `| Month statistics, ours (loadDataset) | ${seconds(report.ours.seconds)}, ${mb(report.ours.peakMb)} peak | | |`,
    `| Month statistics, DuckDB (${report.duckdb.note.replace('DuckDB, ', '')}) | ${seconds(report.duckdb.seconds)}, ${mb(report.duckdb.peakMb)} peak | | |`,
    `| Ratio ours / DuckDB | ${ratio.toFixed(1)}× | ≤ 1.0× (never > 2×) at 300 × 120 | ${atFull(ratio <= 1)} |`,
    `| Identical numbers, every procedure-month | ${report.mismatches.length === 0 ? `yes, ${report.monthFiles.toLocaleString('en')} compared` : `**no: ${report.mismatches.length} differ**`} | identical | ${verdict(report.mismatches.length === 0)} |`,
  ];
  const hour = report.oneMoreHourFull;
  const year = report.oneMoreHourYear;
  const hourLine = (label: string, figures: OneMoreHour, target: string) =>
    `| One more hour at ${label} (${figures.rows} rows, ${figures.monthsRecomputed} months recomputed): statistics work / load with the month cache (${figures.filesRead.toLocaleString('en')} files read and hashed, the others known to git) / no cache | ${seconds(figures.statisticsSeconds)} / ${seconds(figures.cachedSeconds)} / ${seconds(figures.fullReloadSeconds)} | ${target} | ${atFull(figures.statisticsSeconds <= 1)} |`;
  if (year) lines.push(hourLine('12 months', year, '≤ 1 s'));
  lines.push(hourLine(`${scale.months} months`, hour, '≤ 1 s at 300 × 120'));
  if (year) {
    const growth = hour.statisticsSeconds / year.statisticsSeconds;
    const loadGrowth = hour.cachedSeconds / year.cachedSeconds;
    // The issue's target is the work one more hour does (recomputing what changed); the whole load also
    // reads the cached figures of every past month, which the site needs, so it is reported beside it.
    lines.push(
      `| Growth with history (${scale.months} months / 12 months): statistics work | ${growth.toFixed(1)}× | ≤ 1.5× (10 years / 1 year) | ${atFull(growth <= 1.5)} |`,
      `| Growth with history (${scale.months} months / 12 months): whole load with the month cache (git's listing and the cached figures of every month, which the pages need, read again) | ${loadGrowth.toFixed(1)}× | reported, no target | |`,
    );
  }
  const build = report.build;
  if (build) {
    lines.push(
      `| Full build (\`npm run build\`) | ${seconds(build.seconds)}, ${mb(build.peakMb)} peak (${build.peakSource}) | ≤ 180 s, ≤ 2 GB at 300 × 120 | ${atFull(build.seconds <= 180 && (build.peakMb ?? Infinity) <= 2048)} |`,
    );
    lines.push(
      `| dist/ | ${build.pages.toLocaleString('en')} pages, ${(build.totalBytes / 1e6).toFixed(1)} MB (${(build.packedBytes / 1e6).toFixed(1)} MB as a gzipped tar) | ≤ 1 GB at 300 × 120 | ${atFull(build.totalBytes <= 1e9)} |`,
    );
    const rebuild = report.rebuild;
    if (rebuild)
      lines.push(
        `| Rebuild after one more round (month cache) | ${seconds(rebuild.seconds)}, ${rebuild.changed.toLocaleString('en')} of ${rebuild.total.toLocaleString('en')} files changed: ${rebuild.unexpectedCount.toLocaleString('en')} that should have kept their bytes, ${rebuild.closedMonths.toLocaleString('en')} of closed months | only the pages whose content changed; closed months byte-identical | ${verdict(rebuild.unexpectedCount === 0)} |`,
      );
    lines.push(
      `| National overview page (home), gzipped | ${(build.overviewGzipBytes / 1000).toFixed(1)} kB | ≤ 100 kB with 300 procedures | ${scale.procedures === 300 ? verdict(build.overviewGzipBytes <= 100_000) : 'not judged at this scale'} |`,
    );
  } else lines.push('| Full build | not run (`--skip build`) | ≤ 180 s, ≤ 2 GB at 300 × 120 | |');
  const robot = report.robot;
  if (robot) {
    lines.push(
      `| Robot round, \`--interval 0\`, ${robot.procedures} procedures on ${robot.hosts} simulated hosts | ${seconds(robot.wallSeconds)} wall (round ${robot.roundSeconds === null ? '?' : seconds(robot.roundSeconds)}), ${robot.asExpected}/${robot.procedures} outcomes as expected | ≤ 60 s for 300 procedures | ${robot.procedures === 300 ? verdict(robot.wallSeconds <= 60) : 'not judged at this scale'} |`,
    );
  } else lines.push('| Robot round | not run (`--skip robot`) | ≤ 60 s for 300 procedures | |');
  if (build) {
    const rebuild = report.rebuild;
    lines.push(
      '',
      'dist/ by kind of file, and what the rebuild after one more round changed (expected: the month in progress and the other pages of the procedures that got a row, their departments, the overviews, the whole-dataset downloads):',
      '',
      '| Kind | Files | MB | Changed by one more round | Of which should have kept their bytes |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const [kind, share] of Object.entries(build.kinds).sort(([, a], [, b]) => b.bytes - a.bytes)) {
      const change = rebuild?.kinds[kind] ?? { changed: 0, unexpected: 0 };
      lines.push(
        `| ${kind} | ${share.files.toLocaleString('en')} | ${(share.bytes / 1e6).toFixed(2)} | ${rebuild ? change.changed.toLocaleString('en') : ''} | ${rebuild ? change.unexpected.toLocaleString('en') : ''} |`,
      );
    }
    if (rebuild && rebuild.unexpected.length > 0) {
      lines.push(
        '',
        `Files that changed and should not have (first ${rebuild.unexpected.length}, text around the first difference):`,
        '',
      );
      for (const { file, excerpt } of rebuild.unexpected)
        lines.push(`- \`${file}\`: \`\` ${excerpt.replaceAll('`', "'")} \`\``);
    }
  }
  lines.push(
    '',
    'Closed-month pages byte-identical from build to build: measured above on the rebuild, and asserted by tests/site/stable-pages.test.ts.',
    `<!-- /scale:${scale.name} -->`,
  );
  return lines.join('\n') + '\n';
}

/** Replaces this scale's section of the results file (or adds it), atomically. */
export function writeResults(file: string, report: BenchReport): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const name = report.scale.name;
  const section = resultsSection(report);
  const pattern = new RegExp(`<!-- scale:${name} -->[\\s\\S]*?<!-- /scale:${name} -->\\n`);
  const next = pattern.test(current) ? current.replace(pattern, () => section) : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(`${file}.tmp`, next);
  renameSync(`${file}.tmp`, file);
}
