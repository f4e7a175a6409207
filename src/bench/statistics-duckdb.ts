/**
 * Child process: DuckDB computing the same month statistics from the same CSV
 * files in SQL, the reference engine the project is measured against. The
 * colour rule mirrors src/lib/colour.ts: DuckDB's `date + INTERVAL n MONTH`
 * clamps to the month's end exactly like addMonthsClamped (31 Jan + 1 month =
 * 28 Feb), and the probe's day is the Paris day as written in probed_at.
 * Usage: tsx src/bench/statistics-duckdb.ts DATA_DIR OUTPUT.json
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { COLOURS } from '../lib/colour.ts';
import type { EngineRun, MonthFigures } from './month-figures.ts';

const [dataDir, output] = process.argv.slice(2) as [string, string];

/** Every probe with its key, instant and colour (NULL for a failure). */
function probesSql(glob: string): string {
  return `
    CREATE TEMP TABLE probes AS
    WITH raw AS (
      SELECT regexp_extract(filename, '([^/]+)/([^/]+)/([0-9]{4}-[0-9]{2})\\.csv$', 1) AS department,
             regexp_extract(filename, '([^/]+)/([^/]+)/([0-9]{4}-[0-9]{2})\\.csv$', 2) AS slug,
             regexp_extract(filename, '([^/]+)/([^/]+)/([0-9]{4}-[0-9]{2})\\.csv$', 3) AS month,
             epoch_ms(CAST(probed_at AS TIMESTAMPTZ)) AS instant,
             CAST(substr(probed_at, 1, 10) AS DATE) AS day,
             outcome,
             CAST(NULLIF(first_date, '') AS DATE) AS first_date,
             CAST(NULLIF(second_date, '') AS DATE) AS second_date
      FROM read_csv('${glob.replaceAll("'", "''")}', header = true, auto_detect = false, filename = true,
        columns = {'probed_at': 'VARCHAR', 'outcome': 'VARCHAR', 'first_date': 'VARCHAR', 'second_date': 'VARCHAR', 'detail': 'VARCHAR', 'evidence_sha256': 'VARCHAR'})
    )
    SELECT department, slug, month, instant, outcome,
      CASE
        WHEN outcome = 'none' THEN 'noir'
        WHEN outcome <> 'slots' THEN NULL
        WHEN first_date <= day + INTERVAL 1 MONTH THEN
          CASE WHEN second_date IS NOT NULL AND second_date <= day + INTERVAL 1 MONTH THEN 'vert' ELSE 'jaune' END
        WHEN first_date <= day + INTERVAL 2 MONTH THEN 'orange'
        ELSE 'rouge'
      END AS colour
    FROM raw`;
}

const MONTHS_SQL = `
  SELECT department || '/' || slug || '/' || month AS key,
    count(colour) AS successful,
    ${COLOURS.map((colour) => `count(*) FILTER (WHERE colour = '${colour}') AS ${colour}`).join(',\n    ')},
    count(*) FILTER (WHERE colour IS NULL) AS failed,
    min(instant) AS first_probe, max(instant) AS last_probe,
    count(DISTINCT floor(instant / 3600000)) AS probed_hours
  FROM probes GROUP BY ALL`;

const FAILURES_SQL = `
  SELECT department || '/' || slug || '/' || month AS key, outcome, count(*) AS n
  FROM probes WHERE colour IS NULL GROUP BY ALL ORDER BY key, outcome`;

const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const threads = (await connection.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjectsJS()[0]!.t;
await connection.run(probesSql(path.join(path.resolve(dataDir), 'probes', '*', '*', '*.csv')));
const months = (await connection.runAndReadAll(MONTHS_SQL)).getRowObjectsJS();
const failures = (await connection.runAndReadAll(FAILURES_SQL)).getRowObjectsJS();
const seconds = (performance.now() - started) / 1000;

const figures: Record<string, MonthFigures> = {};
const count = (value: unknown) => Number(value);
for (const row of months) {
  figures[String(row.key)] = {
    successful: count(row.successful),
    counts: {
      vert: count(row.vert),
      jaune: count(row.jaune),
      orange: count(row.orange),
      rouge: count(row.rouge),
      noir: count(row.noir),
    },
    failed: count(row.failed),
    failures: {},
    firstProbe: row.first_probe === null ? null : count(row.first_probe),
    lastProbe: row.last_probe === null ? null : count(row.last_probe),
    probedHours: count(row.probed_hours),
  };
}
for (const row of failures) figures[String(row.key)]!.failures[String(row.outcome)] = count(row.n);
const run: EngineRun = {
  seconds,
  peakMb: process.resourceUsage().maxRSS / 1024,
  figures,
  note: `DuckDB, ${String(threads)} threads`,
};
writeFileSync(output, JSON.stringify(run));
connection.closeSync();
