/**
 * What stands where a procedure's figure would: the words of a procedure
 * whose probes all failed, of one no longer probed, and the sentence of the
 * procedure page, read as a visitor reads them.
 */
import { describe, expect, test } from 'vitest';
import { headlineFigure } from '../../src/lib/headline.ts';
import { emptyMonthStatistics, type MonthStatistics } from '../../src/lib/month-statistics.ts';
import { headlinePeriodWords } from '../../src/lib/period-statement.ts';
import { allFailedSentence, procedureStatus } from '../../src/lib/procedure-status.ts';

/** Plain spaces for the comparison (the module writes no-break spaces where French wants them). */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const HOUR = 3_600_000;

/** A month's statistics with `hours` probed hours, `failed` captcha failures and `noir` successes. */
function month(name: string, { hours, failed = 0, noir = 0 }: { hours: number; failed?: number; noir?: number }) {
  const start = Date.parse(`${name}-01T00:17:00Z`);
  return {
    ...emptyMonthStatistics(name),
    successful: noir,
    counts: { vert: 0, jaune: 0, orange: 0, rouge: 0, noir },
    failed,
    failures: failed ? { captcha: failed } : {},
    firstProbe: start,
    lastProbe: start + (hours - 1) * HOUR,
    probedHours: hours,
  } satisfies MonthStatistics;
}

// Compiled on 29 November 2026: the headline covers August to October 2026 (744 + 720 + 745 hours).
const COMPILED = Date.parse('2026-11-29T22:17:00Z');

describe('a procedure whose every probe failed', () => {
  test.each([
    {
      case: 'probed every hour of the period',
      months: [
        month('2026-08', { hours: 744, failed: 744 }),
        month('2026-09', { hours: 720, failed: 720 }),
        month('2026-10', { hours: 745, failed: 745 }),
      ],
      sentence:
        'Sur les trois mois complets d’août 2026 à octobre 2026, 2 209 sondages, tous en échec : captcha exigé. Le robot n’a pas pu savoir si des dates étaient proposées : ces échecs ne comptent jamais comme « aucune date ».',
    },
    {
      case: 'first probed in the middle of the period (its hours covered in brackets, never nested)',
      months: [month('2026-09', { hours: 264, failed: 264 }), month('2026-10', { hours: 745, failed: 745 })],
      sentence:
        'Sur les trois mois d’août 2026 à octobre 2026 (1 009 heures sur 2 209 de la période ont au moins un sondage, 1 200 n’en ont aucun), 1 009 sondages, tous en échec : captcha exigé. Le robot n’a pas pu savoir si des dates étaient proposées : ces échecs ne comptent jamais comme « aucune date ».',
    },
    {
      case: 'failing only in the month still running (no period to name)',
      months: [month('2026-11', { hours: 10, failed: 10 })],
      sentence:
        '10 sondages, tous en échec : captcha exigé. Le robot n’a pas pu savoir si des dates étaient proposées : ces échecs ne comptent jamais comme « aucune date ».',
    },
  ])('$case', ({ months, sentence }) => {
    const figure = headlineFigure(months, COMPILED);
    const status = procedureStatus({ months, until: '' }, figure);
    expect(status.kind).toBe('all-failed');
    if (status.kind !== 'all-failed') return;
    const during = figure.statistics.failed > 0 ? headlinePeriodWords(figure.period, figure.coverage) : '';
    const written = plain(allFailedSentence(status.words, during));
    expect(written).toBe(sentence);
    expect(written).not.toMatch(/\([^()]*\(/); // no bracket inside a bracket
  });
});

describe('a procedure no longer probed', () => {
  test.each([
    {
      case: 'with months before the period',
      months: [month('2026-05', { hours: 24, noir: 24 })],
      words: 'plus sondée après le 19 septembre 2026',
    },
    { case: 'never probed', months: [], words: 'plus sondée après le 19 septembre 2026, aucun sondage enregistré' },
    {
      case: 'retired on the 1st',
      months: [],
      until: '2026-09-01',
      words: 'plus sondée après le 1er septembre 2026, aucun sondage enregistré',
    },
  ])('$case: « $words », never a promise of figures to come', ({ months, until = '2026-09-19', words }) => {
    const status = procedureStatus({ months, until }, headlineFigure(months, COMPILED));
    expect(status).toEqual({ kind: months.length ? 'no-period-data' : 'no-data', words });
    expect(status.kind === 'figure' ? '' : status.words).not.toMatch(/pas encore|en cours|pour l’instant/);
  });
});
