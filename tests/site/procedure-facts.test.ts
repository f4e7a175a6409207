import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/lib/dataset.ts';
import { procedureFacts } from '../../src/site/procedure-facts.ts';

const REGISTRY =
  'department,slug,prefecture,procedure,system,url\n93,titre-sejour,Préfecture de Bobigny,Titre de séjour,legacy-booking,https://example.org/booking/create/1\n';
const HEADER = 'probed_at,outcome,first_date,second_date,detail\n';

/** A data directory with the registry and the given month files; its dataset, loaded on 1 April 2018. */
function dataset(months: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'guichets-facts-'));
  writeFileSync(path.join(dataDir, 'procedures.csv'), REGISTRY);
  for (const [month, rows] of Object.entries(months)) {
    mkdirSync(path.join(dataDir, 'probes/93/titre-sejour'), { recursive: true });
    writeFileSync(path.join(dataDir, `probes/93/titre-sejour/${month}.csv`), HEADER + rows);
  }
  return loadDataset(dataDir, { now: Date.parse('2018-04-01T12:00:00Z') });
}

describe('the facts the embed, the evidence pack and the letter share', () => {
  test.each([
    ['no probe yet', {}, 'no-data', 'aucun sondage enregistré'],
    [
      'probes with and without a date',
      {
        '2018-02': '2018-02-10T10:00:00+01:00,none,,,\n2018-02-11T10:00:00+01:00,slots,2018-02-20,,\n',
        '2018-03': '2018-03-05T10:00:00+01:00,none,,,\n',
      },
      'figure',
      'données arrêtées au dernier sondage, le 5\u00a0mars 2018 à 10\u00a0h\u00a000',
    ],
    [
      'only failed probes',
      { '2018-02': '2018-02-10T10:00:00+01:00,timeout,,,\n', '2018-03': '2018-03-05T10:00:00+01:00,timeout,,,\n' },
      'all-failed',
      'données arrêtées au dernier sondage, le 5\u00a0mars 2018 à 10\u00a0h\u00a000',
    ],
  ])('%s', (_name, months, status, compiled) => {
    const data = dataset(months);
    const facts = procedureFacts(data.procedures[0]!, data, new URL('https://example.org/guichets/'));
    expect(facts).toMatchObject({
      subject: 'Titre de séjour, Préfecture de Bobigny',
      permalink: 'https://example.org/guichets/93/titre-sejour/',
      place: { name: 'Seine-Saint-Denis' },
      status: { kind: status },
      compiled,
    });
  });

  test('without the deployment address, the permalink is the site path', () => {
    const data = dataset({});
    expect(procedureFacts(data.procedures[0]!, data, undefined).permalink).toMatch(/\/93\/titre-sejour\/$/);
  });
});
