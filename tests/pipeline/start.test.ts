/**
 * `npm start` end to end on a two-day period: simulator → real robot over
 * HTTP → month CSV files → site build → local server. Checks the served pages
 * carry the demonstration banner, the robot wrote what the scenario model says
 * (so the modelled older history of a long run is what the robot would have
 * written), and a built page's month table counts what the scenario offered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays, parisDay } from '../../src/lib/calendar.ts';
import { colourOf, COLOURS } from '../../src/lib/colour.ts';
import { isFailure } from '../../src/lib/outcome.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { isActiveOn } from '../../src/lib/registry.ts';
import { roundInstants } from '../../src/pipeline/demonstration.ts';
import { demonstrationCatalogue, type DemonstrationPeriod } from '../../src/robot/simulator/demonstration.ts';
import { modelProbeAt } from '../../src/robot/simulator/model.ts';
import { DEMONSTRATION_BANNER } from '../../src/site/demonstration.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'guichets-start-'));
let child: ChildProcess;
let url = '';
let period: DemonstrationPeriod;

beforeAll(async () => {
  child = spawn(
    path.resolve('node_modules/.bin/tsx'),
    ['scripts/start.ts', '--days', '2', '--dir', directory, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not serve within 200 s:\n${output}`)), 200_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Demonstration site \(simulated data\): (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  period = (
    JSON.parse(readFileSync(path.join(directory, 'demonstration.json'), 'utf8')) as { period: DemonstrationPeriod }
  ).period;
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(directory, { recursive: true, force: true });
});

describe('npm start --days 2', () => {
  test.each(['', '976/mamoudzou-premiere-demande/', 'methode/'])(
    'serves /%s with the demonstration banner',
    async (page) => {
      const response = await fetch(new URL(page, url));
      expect(response.status).toBe(200);
      const $ = load(await response.text());
      expect($('.demonstration-banner').text()).toContain(DEMONSTRATION_BANNER);
    },
  );

  test('the robot over HTTP wrote what the scenario model gives, hour by hour, for every procedure', () => {
    const instants = roundInstants(period.start, addDays(period.start, period.days));
    expect(instants.length).toBeGreaterThanOrEqual(46);
    for (const entry of demonstrationCatalogue(period)) {
      const expected = instants
        .filter((now) => isActiveOn(entry, parisDay(now)))
        .map((now) => {
          const probe = modelProbeAt(entry.scenario, entry.planning ?? '', now);
          return `${now.getTime()} ${probe.outcome} ${probe.firstDate} ${probe.secondDate}`;
        });
      const months = [...new Set(instants.map((now) => parisDay(now).slice(0, 7)))];
      const written = months.flatMap((month) => {
        const file = path.join(directory, 'data', 'probes', entry.department, entry.slug, `${month}.csv`);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          return [];
        }
        return parseMonthFile(text, file, month).probes.map(
          (probe) => `${probe.instant} ${probe.outcome} ${probe.firstDate} ${probe.secondDate}`,
        );
      });
      expect(written.sort(), `${entry.department}/${entry.slug}`).toEqual(expected.sort());
    }
  });

  test.each([
    ['971', 'pointe-a-pitre-renouvellement'],
    ['13', 'marseille-etudiants'],
    ['976', 'mamoudzou-premiere-demande'],
  ])(
    'the page of %s/%s counts, month by month, the colours and failures the scenario gave',
    async (department, slug) => {
      const entry = demonstrationCatalogue(period).find((candidate) => candidate.slug === slug)!;
      const instants = roundInstants(period.start, addDays(period.start, period.days));
      const expected = new Map<string, { successful: number; failed: number; counts: Record<string, number> }>();
      for (const now of instants) {
        const probe = modelProbeAt(entry.scenario, '', now);
        const day = parisDay(now);
        const month = expected.get(day.slice(0, 7)) ?? {
          successful: 0,
          failed: 0,
          counts: Object.fromEntries(COLOURS.map((colour) => [colour, 0])),
        };
        if (isFailure(probe.outcome)) month.failed += 1;
        else {
          month.successful += 1;
          const colour = colourOf({
            day,
            outcome: probe.outcome,
            firstDate: probe.firstDate,
            secondDate: probe.secondDate,
          })!;
          month.counts[colour] = (month.counts[colour] ?? 0) + 1;
        }
        expected.set(day.slice(0, 7), month);
      }
      const $ = load(await (await fetch(new URL(`${department}/${slug}/`, url))).text());
      for (const [month, statistics] of expected) {
        const row = $(`table.month-table tbody tr[data-month="${month}"]`);
        const cells = row
          .find('td')
          .toArray()
          .map((cell) => $(cell).text().replace(/\s+/g, ' ').trim());
        const counts = COLOURS.map((colour) => /\((\d+)\)/.exec(row.find(`td[data-colour="${colour}"]`).text())?.[1]);
        expect({ successful: cells[0], failed: row.find('td.failed').text().trim(), counts }).toEqual({
          successful: String(statistics.successful),
          failed: String(statistics.failed),
          counts: COLOURS.map((colour) => String(statistics.counts[colour])),
        });
      }
    },
  );
});
