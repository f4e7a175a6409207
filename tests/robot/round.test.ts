/**
 * A round as a whole over the simulator: evidence that matches each row,
 * idempotent re-runs, selection, one round at a time per data directory,
 * politeness towards each host, and no booking step ever taken.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { monthFilePath, registryPath } from '../../src/lib/data-directory.ts';
import { DataError } from '../../src/lib/data-error.ts';
import { parseMonthFile } from '../../src/lib/probe.ts';
import { evidenceMonthDirectory, evidenceStamp } from '../../src/robot/evidence.ts';
import { roundLockPath, RoundError, runRound } from '../../src/robot/round.ts';
import { SCENARIO_CATALOGUE, type CatalogueEntry } from '../../src/robot/simulator/catalogue.ts';
import { formatSummary } from '../../src/robot/summary.ts';
import { PROBE_TIME, startSimulator, TEST_USER_AGENT, type RunningSimulator } from './support/round-fixture.ts';

const entry = (slug: string): CatalogueEntry => SCENARIO_CATALOGUE.find((candidate) => candidate.slug === slug)!;
const slow = (slug: string, id: string, delayMs: number): CatalogueEntry => ({
  ...entry('aucun-creneau'),
  slug,
  id,
  scenario: {
    system: 'legacy-booking',
    counters: [{ id: '1', label: 'Guichet', slots: [] }],
    fault: { kind: 'slow', delayMs },
  },
});

let running: RunningSimulator | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(entries: CatalogueEntry[], hosts = 2, clock?: () => Date): Promise<RunningSimulator> {
  running = await startSimulator(entries, hosts, clock);
  return running;
}

const monthRows = (sim: RunningSimulator, item: CatalogueEntry, month = '2026-05') => {
  const file = monthFilePath(sim.dataDir, item.department, item.slug, month);
  return parseMonthFile(fs.readFileSync(file, 'utf8'), file, month).probes;
};

describe('evidence', () => {
  test('the decisive pages are kept gzipped, and the row names the decisive one by its SHA-256', async () => {
    const sim = await start([
      entry('aucun-creneau'),
      entry('deux-creneaux'),
      entry('acces-interdit'),
      entry('reponse-lente'),
      entry('rdvpref-captcha'),
    ]);
    await runRound(sim.options());
    const stamp = evidenceStamp('2026-05-18T10:00:00+02:00');
    expect(stamp).toBe('2026-05-18T10-00-00+0200');
    for (const item of [
      entry('aucun-creneau'),
      entry('deux-creneaux'),
      entry('acces-interdit'),
      entry('rdvpref-captcha'),
    ]) {
      const [probe] = monthRows(sim, item);
      const directory = evidenceMonthDirectory(sim.evidenceDir, item.department, item.slug, probe!.probedAt);
      const manifest = JSON.parse(fs.readFileSync(path.join(directory, `${stamp}.json`), 'utf8'));
      expect(manifest).toMatchObject({
        procedure: `${item.department}/${item.slug}`,
        probed_at: probe!.probedAt,
        outcome: probe!.outcome,
        evidence_sha256: probe!.extra.evidence_sha256,
      });
      const decisive = manifest.pages.find((page: { decisive: boolean }) => page.decisive);
      const bytes = gunzipSync(fs.readFileSync(path.join(directory, decisive.file)));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(probe!.extra.evidence_sha256);
      for (const page of manifest.pages) expect(page.file).toMatch(/^2026-05-18T10-00-00\+0200-\d+\.html\.gz$/);
      expect(manifest.requests.length).toBeGreaterThanOrEqual(manifest.pages.length);
    }
    // The no-slot page itself is the evidence of "none".
    const [none] = monthRows(sim, entry('aucun-creneau'));
    const directory = evidenceMonthDirectory(sim.evidenceDir, '93', 'aucun-creneau', none!.probedAt);
    expect(gunzipSync(fs.readFileSync(path.join(directory, `${stamp}-1.html.gz`))).toString()).toContain(
      "Il n'existe plus de plage horaire libre",
    );
    // Slots: the calendar and every week read up to the second slot.
    const slotsManifest = JSON.parse(
      fs.readFileSync(
        path.join(evidenceMonthDirectory(sim.evidenceDir, '93', 'deux-creneaux', none!.probedAt), `${stamp}.json`),
        'utf8',
      ),
    );
    expect(slotsManifest.pages.map((page: { url: string }) => page.url.replace(/^http:\/\/[^/]+/, ''))).toEqual([
      '/booking/create/11350/4',
      '/ezjscore/call/bookingserver::planning::assign::11350::1::0',
      '/ezjscore/call/bookingserver::planning::assign::11350::1::7',
    ]);
    // A timeout has no page: no SHA-256, but a manifest of what was tried.
    const [timeout] = monthRows(sim, entry('reponse-lente'));
    expect(timeout!.extra.evidence_sha256).toBe('');
    const timeoutManifest = JSON.parse(
      fs.readFileSync(
        path.join(evidenceMonthDirectory(sim.evidenceDir, '94', 'reponse-lente', timeout!.probedAt), `${stamp}.json`),
        'utf8',
      ),
    );
    expect(timeoutManifest).toMatchObject({
      outcome: 'timeout',
      pages: [],
      requests: [{ method: 'GET', error: 'no complete answer within 2 s' }],
    });
  });

  test('with no evidence directory the row still carries the SHA-256', async () => {
    const sim = await start([entry('aucun-creneau')]);
    await runRound(sim.options({ evidenceDir: null }));
    expect(monthRows(sim, entry('aucun-creneau'))[0]!.extra.evidence_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readdirSync(sim.evidenceDir)).toEqual([]);
  });
});

describe('idempotence and selection', () => {
  test('running the same round twice for the same instant records nothing new and asks no site', async () => {
    const sim = await start([entry('aucun-creneau'), entry('deux-creneaux'), entry('page-fermee')]);
    await runRound(sim.options());
    const requests = sim.simulator.requests.length;
    const files = [entry('aucun-creneau'), entry('deux-creneaux')].map((item) =>
      fs.readFileSync(monthFilePath(sim.dataDir, item.department, item.slug, '2026-05'), 'utf8'),
    );
    const again = await runRound(sim.options());
    expect(again.probes.map((report) => report.status)).toEqual([
      'already-recorded',
      'already-recorded',
      'already-recorded',
    ]);
    expect(sim.simulator.requests.length).toBe(requests);
    expect(
      [entry('aucun-creneau'), entry('deux-creneaux')].map((item) =>
        fs.readFileSync(monthFilePath(sim.dataDir, item.department, item.slug, '2026-05'), 'utf8'),
      ),
    ).toEqual(files);
  });

  test('a later round appends a row', async () => {
    let now = PROBE_TIME;
    const sim = await start([entry('aucun-creneau')], 1, () => now);
    await runRound(sim.options());
    now = new Date(PROBE_TIME.getTime() + 3600_000);
    await runRound(sim.options());
    expect(monthRows(sim, entry('aucun-creneau')).map((probe) => probe.time)).toEqual(['10:00:00', '11:00:00']);
  });

  test('--only probes the named procedures; unknown names stop the round before any request', async () => {
    const sim = await start([entry('aucun-creneau'), entry('deux-creneaux')]);
    const round = await runRound(sim.options({ only: ['93/deux-creneaux'] }));
    expect(round.probes.map((report) => report.procedure.slug)).toEqual(['deux-creneaux']);
    await expect(runRound(sim.options({ only: ['93/inconnue'] }))).rejects.toThrow(/not in the registry: 93\/inconnue/);
  });

  test('procedures outside their since/until period are skipped', async () => {
    const sim = await start([entry('aucun-creneau'), entry('deux-creneaux')]);
    const registry = fs.readFileSync(registryPath(sim.dataDir), 'utf8').split('\n');
    registry[0] += ',since,until';
    registry[1] += ',2026-01-01,2026-05-17';
    registry[2] += ',2026-05-18,';
    fs.writeFileSync(registryPath(sim.dataDir), registry.join('\n'));
    const round = await runRound(sim.options());
    expect(round.probes.map((report) => report.procedure.slug)).toEqual(['deux-creneaux']);
    expect(round.skipped.map(({ procedure, reason }) => [procedure.slug, reason])).toEqual([
      ['aucun-creneau', 'not active on 2026-05-18 (since 2026-01-01, until 2026-05-17)'],
    ]);
    expect(formatSummary(round)).toContain('skipped 93/aucun-creneau: not active on 2026-05-18');
  });
});

describe('a round that cannot run', () => {
  test('a bad registry stops it with the line at fault', async () => {
    const sim = await start([entry('aucun-creneau')]);
    fs.appendFileSync(registryPath(sim.dataDir), '99,x,P,Q,legacy-booking,http://127.0.0.1:1/booking/create/1,\n');
    await expect(runRound(sim.options())).rejects.toThrow(DataError);
    await expect(runRound(sim.options())).rejects.toThrow(/procedures\.csv:3: department "99"/);
    expect(sim.simulator.requests).toEqual([]);
  });

  test('an unwritable data directory stops it before any site is asked', async () => {
    const sim = await start([entry('aucun-creneau')]);
    fs.writeFileSync(path.join(sim.dataDir, 'probes'), '');
    await expect(runRound(sim.options())).rejects.toThrow(
      /cannot write in .*probes: (a part of the path is not a directory \(ENOTDIR\)|a file is in the way \(EEXIST\))/,
    );
    expect(sim.simulator.requests).toEqual([]);
  });

  test('a missing registry says where it looked', async () => {
    const sim = await start([entry('aucun-creneau')]);
    fs.rmSync(registryPath(sim.dataDir));
    await expect(runRound(sim.options())).rejects.toThrow(
      /cannot read the registry .*procedures\.csv: .*\(ENOENT\) \(is DATA_DIR right\?\)/,
    );
  });

  test('two rounds on one data directory cannot interleave', async () => {
    const sim = await start([slow('lente-1', '31001', 600)]);
    const first = runRound(sim.options({ timeoutMs: 10_000 }));
    while (!fs.existsSync(roundLockPath(sim.dataDir))) await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(runRound(sim.options({ timeoutMs: 10_000 }))).rejects.toThrow(RoundError);
    await expect(runRound(sim.options({ timeoutMs: 10_000 }))).rejects.toThrow(/another probe round is running/);
    expect((await first).probes[0]!.status).toBe('written');
    expect(fs.existsSync(roundLockPath(sim.dataDir))).toBe(false);
    expect(monthRows(sim, slow('lente-1', '31001', 0))).toHaveLength(1);
  });

  test('a round lock left by a dead process does not block the next round', async () => {
    const sim = await start([entry('aucun-creneau')]);
    fs.writeFileSync(
      roundLockPath(sim.dataDir),
      JSON.stringify({
        pid: 2 ** 22 + 4321,
        host: (await import('node:os')).hostname(),
        since: Date.now(),
        token: 'dead',
      }),
    );
    expect((await runRound(sim.options())).probes[0]!.status).toBe('written');
  });
});

describe('manners', () => {
  test('one request at a time per host, hosts in parallel, the project User-Agent, and never a booking step', async () => {
    const entries = [
      slow('lente-1', '31001', 300),
      slow('lente-2', '31002', 300),
      ...SCENARIO_CATALOGUE.filter((item) => item.slug !== 'reponse-lente'),
    ];
    const sim = await start(entries, 2, undefined);
    // Put the two slow procedures on different hosts, the rest anywhere.
    fs.writeFileSync(
      registryPath(sim.dataDir),
      (await import('../../src/robot/simulator/catalogue.ts')).registryFor(entries, sim.origins),
    );
    await runRound(sim.options({ timeoutMs: 10_000 }));
    const requests = sim.simulator.requests;
    expect(Math.max(...requests.map((request) => request.inFlightOnPort))).toBe(1);
    expect(Math.max(...requests.map((request) => request.inFlight))).toBe(2);
    expect(new Set(requests.map((request) => request.userAgent))).toEqual(new Set([TEST_USER_AGENT]));
    const booking = requests.filter(
      (request) =>
        /\/booking\/create\/\d+\/[5-9]/.test(request.path) ||
        (request.method === 'POST' && /\/booking\/create\/\d+\/4/.test(request.path)) ||
        request.path.includes('_validerCaptcha') ||
        request.path.includes('/creneau'),
    );
    expect(booking).toEqual([]);
  });

  test('the interval between two requests to one host is waited for', async () => {
    const sim = await start([entry('aucun-creneau'), entry('page-fermee')], 1);
    await runRound(sim.options({ intervalMs: 60_000 }));
    // 5 requests for the no-slot flow and 1 for the closed page, on one host: 5 waits.
    expect(sim.sleeps).toHaveLength(5);
    for (const wait of sim.sleeps) expect(wait).toBeGreaterThan(50_000);
  });

  test('Retry-After of a throttling answer is honoured once', async () => {
    const sim = await start([entry('trop-de-requetes')], 1);
    await runRound(sim.options());
    expect(sim.sleeps).toEqual([1_000]);
    expect(monthRows(sim, entry('trop-de-requetes'))[0]).toMatchObject({
      outcome: 'throttled',
      detail: 'HTTP 429 (429 Too Many Requests), again after a retry 1 s later',
    });
  });
});

describe('time', () => {
  test('a probe just after midnight in Paris goes to the new month, with the Paris time and offset', async () => {
    const clock = () => new Date('2026-05-31T22:30:00Z');
    const sim = await start([entry('deux-creneaux')], 1, clock);
    await runRound(sim.options());
    const [probe] = monthRows(sim, entry('deux-creneaux'), '2026-06');
    expect(probe).toMatchObject({
      probedAt: '2026-06-01T00:30:00+02:00',
      firstDate: '2026-06-04',
      secondDate: '2026-06-11',
      colour: 'vert',
    });
  });

  test('a scenario changing over virtual time is followed round after round', async () => {
    let now = PROBE_TIME;
    const { timeline } = await import('../../src/robot/simulator/scenario.ts');
    const changing: CatalogueEntry = {
      ...entry('aucun-creneau'),
      slug: 'change',
      id: '32000',
      scenario: timeline([
        [
          '2026-01-01T00:00:00+01:00',
          { system: 'legacy-booking', counters: [{ id: '1', label: 'Guichet', slots: [] }] },
        ],
        [
          '2026-05-18T10:30:00+02:00',
          { system: 'legacy-booking', counters: [{ id: '1', label: 'Guichet', slots: [{ in: 45, at: '09:00' }] }] },
        ],
        [
          '2026-05-18T11:30:00+02:00',
          { system: 'legacy-booking', counters: [{ id: '1', label: 'Guichet', slots: [] }], fault: { kind: 'closed' } },
        ],
      ]),
    };
    const sim = await start([changing], 1, () => now);
    for (let hour = 0; hour < 3; hour += 1) {
      now = new Date(PROBE_TIME.getTime() + hour * 3600_000);
      await runRound(sim.options());
    }
    expect(monthRows(sim, changing).map((probe) => [probe.time, probe.outcome, probe.firstDate, probe.colour])).toEqual(
      [
        ['10:00:00', 'none', '', 'noir'],
        ['11:00:00', 'slots', '2026-07-02', 'orange'],
        ['12:00:00', 'closed', '', null],
      ],
    );
  });
});
