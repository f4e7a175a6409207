/**
 * Ends every test run with the line `tests: N passed, N failed` (N skipped
 * when any), which CI reads, and makes it agree with vitest's own verdict:
 * - a test that fails counts as failed;
 * - an error outside a test (a module that fails to import, a throwing
 *   beforeAll/afterAll, an unhandled error) counts too: the tests it kept
 *   from running count as failed one by one, and an error that kept no test
 *   from running (afterAll, import failure, unhandled error) counts as one;
 * - the line is written when the process exits, after the coverage report,
 *   so it stays the last line; if vitest exits non-zero for a reason no test
 *   shows (global setup, coverage thresholds, configuration), the line says
 *   at least `1 failed` and why; if it counted a failure while vitest would
 *   exit 0, the exit code becomes 1.
 * Each skipped test counts, and the reasons given with `ctx.skip(reason)`
 * are printed once each, just above the closing line. With --coverage, the
 * line coverage of src/lib and src/robot is printed there too.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

/** What the closing line reports, with the explanations printed above it. */
export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per error that happened outside a test. */
  errorsOutsideTests: string[];
  /** Number of skipped tests for each reason given. */
  skipReasons: Map<string, number>;
}

const NO_REASON = 'skipped in the source (test.skip, describe.skip or todo)';

/** First line of an error's message, for a one-line explanation. */
function firstLine(error: { message?: string; name?: string } | unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

/** A test that was meant to run but did not, because a hook or the module around it failed. */
function keptFromRunning(testCase: TestCase): boolean {
  const mode = testCase.options.mode;
  return testCase.result().state === 'skipped' && (mode === 'run' || mode === 'only');
}

/** Counts one module's tests and the errors around them. */
function addModule(summary: RunSummary, testModule: TestModule): void {
  const file = path.relative(process.cwd(), testModule.moduleId);
  const countedAsFailed = new Set<TestCase>();
  const holders: (TestModule | TestSuite)[] = [testModule, ...testModule.children.allSuites()];
  for (const holder of holders) {
    const errors = holder.errors();
    if (errors.length === 0) continue;
    const where = holder.type === 'module' ? file : `${file} › ${holder.fullName}`;
    for (const error of errors)
      summary.errorsOutsideTests.push(`error outside a test in ${where}: ${firstLine(error)}`);
    const notRun = [...holder.children.allTests()].filter(
      (testCase) => keptFromRunning(testCase) && !countedAsFailed.has(testCase),
    );
    notRun.forEach((testCase) => countedAsFailed.add(testCase));
    summary.failed += Math.max(notRun.length, 1);
  }
  for (const testCase of testModule.children.allTests()) {
    if (countedAsFailed.has(testCase)) continue;
    const result = testCase.result();
    if (result.state === 'passed') summary.passed += 1;
    else if (result.state === 'failed') summary.failed += 1;
    else if (result.state === 'skipped') {
      summary.skipped += 1;
      const reason = result.note?.trim() || NO_REASON;
      summary.skipReasons.set(reason, (summary.skipReasons.get(reason) ?? 0) + 1);
    } else {
      summary.failed += 1;
      summary.errorsOutsideTests.push(`test never finished: ${file} › ${testCase.fullName}`);
    }
  }
}

/** The summary of a finished run, from vitest's modules and unhandled errors. */
export function summarise(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, errorsOutsideTests: [], skipReasons: new Map() };
  for (const testModule of testModules) addModule(summary, testModule);
  for (const error of unhandledErrors) {
    summary.failed += 1;
    summary.errorsOutsideTests.push(`unhandled error: ${firstLine(error)}`);
  }
  return summary;
}

/** The closing lines for a summary and the exit code vitest chose. */
export function closingLines(summary: RunSummary | undefined, exitCode: number): string[] {
  const lines: string[] = [];
  const counts = summary ?? {
    passed: 0,
    failed: 0,
    skipped: 0,
    errorsOutsideTests: [],
    skipReasons: new Map<string, number>(),
  };
  let failed = counts.failed;
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    lines.push(
      summary
        ? 'the run failed outside any test (global setup, coverage thresholds or configuration): see the messages above'
        : 'the run failed before any test ran (configuration or global setup): see the messages above',
    );
  }
  lines.push(...counts.errorsOutsideTests);
  for (const [reason, count] of counts.skipReasons) lines.push(`skipped ${count}: ${reason}`);
  lines.push(`tests: ${counts.passed} passed, ${failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  return lines;
}

/** The parts of istanbul's coverage map this reporter reads. */
interface CoverageMap {
  files(): string[];
  fileCoverageFor(file: string): { toSummary(): { lines: { covered: number; total: number } } };
}

/** The areas whose line coverage `npm test` reports (and vitest.config.ts gates). */
export const COVERAGE_AREAS = ['src/lib', 'src/robot'] as const;

/** One line per area: `coverage: src/lib 95.2 % of lines (1234/1296)`. */
export function coverageLines(coverage: CoverageMap, root: string): string[] {
  return COVERAGE_AREAS.map((area) => {
    let covered = 0;
    let total = 0;
    for (const file of coverage.files()) {
      if (!path.relative(root, file).startsWith(`${area}/`)) continue;
      const { lines } = coverage.fileCoverageFor(file).toSummary();
      covered += lines.covered;
      total += lines.total;
    }
    const percent = total === 0 ? 100 : (100 * covered) / total;
    return `coverage: ${area} ${percent.toFixed(1)} % of lines (${covered}/${total})`;
  });
}

export default class SummaryReporter implements Reporter {
  private summary: RunSummary | undefined;
  private coverage: string[] = [];

  constructor() {
    process.once('exit', (code) => {
      const exitCode = typeof process.exitCode === 'number' ? process.exitCode : code;
      const lines = [...this.coverage, ...closingLines(this.summary, exitCode)];
      writeSync(1, `\n${lines.join('\n')}\n`);
      if ((this.summary?.failed ?? 0) > 0 && exitCode === 0) process.exitCode = 1;
    });
  }

  onCoverage(coverage: unknown): void {
    this.coverage = coverageLines(coverage as CoverageMap, process.cwd());
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    this.summary = summarise(testModules, unhandledErrors);
  }
}
