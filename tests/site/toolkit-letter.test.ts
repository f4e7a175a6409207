import { formatMonthRange } from '../../src/lib/format.ts';
import { describe, expect, test } from 'vitest';
import { emptyMonthStatistics } from '../../src/lib/month-statistics.ts';
import { headlineFigure } from '../../src/lib/headline.ts';
import {
  attemptAdvice,
  composeLetter,
  emptyLetterForm,
  letterDay,
  letterErrors,
  letterStatistics,
  letterText,
  letterTime,
  statisticsParagraph,
  type LetterFacts,
  type LetterForm,
} from '../../src/site/toolkit/letter.ts';

/** Bobigny's fixture months: January 4 successful (2 noir) and 1 failure, February 3 successful, March 712 (711 noir). */
function bobignyMonths() {
  const january = emptyMonthStatistics('2018-01');
  Object.assign(january, {
    successful: 4,
    failed: 1,
    counts: { vert: 1, jaune: 0, orange: 0, rouge: 1, noir: 2 },
    probedHours: 5,
  });
  const february = emptyMonthStatistics('2018-02');
  Object.assign(february, {
    successful: 3,
    failed: 0,
    counts: { vert: 0, jaune: 1, orange: 2, rouge: 0, noir: 0 },
    probedHours: 3,
  });
  const march = emptyMonthStatistics('2018-03');
  Object.assign(march, { successful: 712, failed: 31, counts: { vert: 1, jaune: 0, orange: 0, rouge: 0, noir: 711 } });
  return [january, february, march];
}

const COMPILED_AT = Date.parse('2018-03-31T23:20:25+02:00');
const PERMALINK = 'https://guichets.example/93/titre-sejour-bobigny/';
const statistics = letterStatistics(headlineFigure(bobignyMonths(), COMPILED_AT), {
  permalink: PERMALINK,
  latestProbe: COMPILED_AT,
  version: '0123456789ab',
});
const FACTS: LetterFacts = {
  prefecture: 'Préfecture de Bobigny',
  procedure: 'Demande d’admission exceptionnelle au séjour',
  bookingUrl: 'https://www.seine-saint-denis.gouv.fr/booking/create/9829',
  evidencePackUrl: 'https://guichets.example/93/titre-sejour-bobigny/dossier/',
  statistics,
};

function filledForm(overrides: Partial<LetterForm> = {}): LetterForm {
  return {
    ...emptyLetterForm(FACTS),
    name: 'Awa Diallo',
    address: '12 rue de la Paix\n93000 Bobigny',
    prefectureAddress: 'Préfecture de Bobigny\nService des étrangers\n1 esplanade Jean-Moulin\n93000 Bobigny',
    place: 'Bobigny',
    date: '2018-04-03',
    kind: 'premiere',
    basis: 'vie privée et familiale',
    situation: 'tentatives',
    attempts: [
      { day: '2018-03-20', time: '14:30', result: '' },
      { day: '2018-03-05', time: '09:15', result: 'aucune date disponible' },
      { day: '2018-03-13', time: '17:45', result: '' },
    ],
    attachments: ['identite', 'captures', 'dossier'],
    ...overrides,
  };
}

/** Text with French no-break spaces made plain, to compare with what a reader sees. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const textOf = (form: LetterForm, facts = FACTS) => plain(letterText(composeLetter(form, facts)));
/** The letter's blocks, their lines with plain spaces. */
const plainBlocks = (form: LetterForm, facts = FACTS) =>
  composeLetter(form, facts).map((block) => ({ ...block, lines: block.lines.map(plain) }));

describe('the statistics the letter cites', () => {
  test('cover the three complete months before the compile date: 7 successful probes, 2 noir', () => {
    expect(statistics).toEqual({
      successful: 7,
      noir: 2,
      failed: 1,
      noirShare: '28,6\u00a0%',
      period: 'de décembre 2017 à février 2018',
      permalink: PERMALINK,
      withinMonthShare: '28,6\u00a0%',
      coverage: '8\u00a0heures sur 2\u00a0160 de la période ont au moins un sondage, 2\u00a0152 n’en ont aucun',
      latestProbe: '31\u00a0mars 2018 à 23\u00a0h\u00a020',
      version: '0123456789ab',
    });
  });

  test('are null when no probe succeeded in the period, or without data', () => {
    const march = bobignyMonths().slice(2);
    expect(
      letterStatistics(headlineFigure(march, COMPILED_AT), {
        permalink: PERMALINK,
        latestProbe: COMPILED_AT,
        version: 'v',
      }),
    ).toBeNull();
    expect(
      letterStatistics(headlineFigure([], null), { permalink: PERMALINK, latestProbe: null, version: 'v' }),
    ).toBeNull();
  });

  test.each([
    [
      7,
      1,
      'sur les 7 sondages réussis de la période de décembre 2017 à février 2018 (8 heures sur 2 160 de la période ont au moins un sondage, 2 152 n’en ont aucun)',
      '1 autre sondage a échoué',
    ],
    [1, 0, 'sur le seul sondage réussi de la période', null],
    [1200, 3, 'sur les 1 200 sondages réussis', '3 autres sondages ont échoué'],
  ])('with %i successful and %i failed probes', (successful, failed, probes, failures) => {
    const paragraph = statisticsParagraph(FACTS, { ...statistics!, successful, failed }).replace(/\u00a0/g, ' ');
    expect(paragraph).toContain(probes);
    expect(paragraph).toContain('aucun rendez-vous n’était proposé dans 28,6 % des cas');
    expect(paragraph).toContain('et une date à moins d’un mois dans 28,6 % des cas');
    expect(paragraph).toContain(
      `(source : ${PERMALINK}, données arrêtées au dernier sondage, le 31 mars 2018 à 23 h 20, version 0123456789ab)`,
    );
    if (failures) expect(paragraph).toContain(failures);
    else expect(paragraph).not.toContain('échoué');
  });
});

test.each([
  [['2017-12', '2018-01', '2018-02'], 'de décembre 2017 à février 2018'],
  [['2018-04', '2018-05', '2018-06'], 'd’avril 2018 à juin 2018'],
  [['2018-08'], 'd’août 2018'],
  [[], ''],
])('the period %j in words: %j', (months, words) => {
  expect(formatMonthRange(months)).toBe(words);
});

describe('the letter', () => {
  test('follows the model: sender, prefecture, place and date, LRAR, object, request, signature', () => {
    const blocks = plainBlocks(filledForm({ agdref: '7501234567', phone: '06 12 34 56 78' }));
    expect(blocks.map((block) => block.kind)).toEqual([
      'sender',
      'recipient',
      'place-date',
      'mention',
      'object',
      'salutation',
      'paragraph', // the request
      'paragraph', // the attempts
      'list',
      'paragraph', // screenshots kept
      'paragraph', // statistics
      'paragraph', // appointment within a reasonable time
      'closing',
      'signature',
      'attachments',
    ]);
    expect(blocks[0]!.lines).toEqual([
      'Awa Diallo',
      '12 rue de la Paix',
      '93000 Bobigny',
      'N° AGDREF : 7501234567',
      'Téléphone : 06 12 34 56 78',
    ]);
    expect(blocks[1]!.lines).toEqual([
      'Préfecture de Bobigny',
      'Service des étrangers',
      '1 esplanade Jean-Moulin',
      '93000 Bobigny',
    ]);
    expect(blocks[2]!.lines).toEqual(['Bobigny, le 3 avril 2018']);
    expect(blocks[4]!.lines).toEqual(['Objet : Demande de rendez-vous pour le dépôt d’une demande de titre de séjour']);
    expect(blocks[6]!.lines[0]).toBe(
      'Je souhaite déposer une première demande de titre de séjour (démarche « Demande d’admission exceptionnelle au séjour », motif : vie privée et familiale). Pour la déposer, je dois d’abord obtenir un rendez-vous auprès de votre service des étrangers.',
    );
  });

  test('sets every line with French spacing, typed text included, for the preview, the .txt and the .odt alike', () => {
    const lines = composeLetter(filledForm({ basis: 'travail : « salarié » ; urgent ?' }), FACTS).flatMap(
      (block) => block.lines,
    );
    expect(lines).toContain('Objet\u00a0: Demande de rendez-vous pour le dépôt d’une demande de titre de séjour');
    expect(lines.join('\n')).toContain('motif\u00a0: travail\u00a0: «\u202fsalarié\u202f»\u202f; urgent\u202f?');
    expect(lines.filter((line) => /\s[;:?!»]|«\s/.test(line.replace(/[\u00a0\u202f]/g, '')))).toEqual([]);
  });

  test('case 2 lists the attempts in date order with their time and result', () => {
    const list = plainBlocks(filledForm()).find((block) => block.kind === 'list')!;
    expect(list.lines).toEqual([
      'le 5 mars 2018 à 9 h 15 : aucune date disponible',
      'le 13 mars 2018 à 17 h 45 : aucune date proposée',
      'le 20 mars 2018 à 14 h 30 : aucune date proposée',
    ]);
    expect(textOf(filledForm())).toContain(
      'sur le site de la préfecture (https://www.seine-saint-denis.gouv.fr/booking/create/9829), sans obtenir de date',
    );
  });

  test('case 1 asks to be summoned by post and lists no attempt', () => {
    const text = textOf(filledForm({ situation: 'sans-internet' }));
    expect(text).toContain('Je n’ai pas d’accès à internet');
    expect(text).toContain('me convoquer par courrier');
    expect(text).not.toContain('J’ai essayé');
  });

  test('cites the statistics with the permalink, unless left out or unavailable', () => {
    expect(textOf(filledForm())).toContain(
      'sur les 7 sondages réussis de la période de décembre 2017 à février 2018 (8 heures sur 2 160 de la période ont au moins un sondage, 2 152 n’en ont aucun), aucun rendez-vous n’était proposé dans 28,6 % des cas',
    );
    expect(textOf(filledForm({ includeStatistics: false }))).not.toContain('Guichets fermés, qui');
    expect(textOf(filledForm(), { ...FACTS, statistics: null })).not.toContain('relevés publics');
  });

  test.each([
    [{}, null],
    [{ expiry: '2018-05-01' }, 'Ma demande est urgente. Mon titre de séjour actuel expire le 1er mai 2018.'],
    [
      {
        expiry: '2018-05-12',
        currentDocument: 'visa' as const,
        urgency: 'Mon contrat  de travail\ncommence le 2 mai.',
      },
      'Ma demande est urgente. Mon visa actuel expire le 12 mai 2018. Mon contrat de travail commence le 2 mai.',
    ],
    [{ urgency: 'Ma formation commence le 2 mai.' }, 'Ma demande est urgente. Ma formation commence le 2 mai.'],
  ])('urgency paragraph %#', (overrides, expected) => {
    const text = textOf(filledForm(overrides));
    if (expected) expect(text).toContain(expected);
    else expect(text).not.toContain('urgente');
  });

  test('announces a visit only when a day is given', () => {
    expect(textOf(filledForm())).not.toContain('je me présenterai');
    expect(textOf(filledForm({ visitDate: '2018-04-16', visitTime: '09:00' }))).toContain(
      'je me présenterai au service des étrangers de la préfecture le 16 avril 2018 à 9 h 00, avec une copie de ce courrier',
    );
  });

  test('ends with the request, the closing, the signature and the attachments', () => {
    const text = textOf(filledForm({ otherAttachments: 'Promesse d’embauche\n' }));
    expect(text).toContain('me fixer, dans un délai raisonnable, un rendez-vous pour déposer ma demande');
    expect(text).toContain('je me réserve la possibilité de saisir le juge administratif');
    expect(text).toContain('Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.');
    expect(text).toContain(
      'Pièces jointes :\r\n– Copie de ma pièce d’identité\r\n– Copies des captures d’écran de mes tentatives\r\n– Dossier de preuves statistiques du site Guichets fermés (https://guichets.example/93/titre-sejour-bobigny/dossier/)\r\n– Promesse d’embauche\r\n',
    );
  });

  test('a blank form gives a template with placeholders and the prefecture', () => {
    const text = textOf(emptyLetterForm(FACTS));
    expect(text).toContain('[Nom et prénom]');
    expect(text).toContain('[Adresse postale]');
    expect(text).toContain('Préfecture de Bobigny\r\nService des étrangers');
    expect(text).toContain('[Ville], le [date]');
    expect(text).toContain('Lettre recommandée avec demande d’avis de réception');
    expect(text).toContain('28,6 %');
  });

  test('never argues the merits: no legal argument, only access to the counter', () => {
    const text = textOf(filledForm({ expiry: '2018-05-01', visitDate: '2018-04-16' }));
    expect(text).not.toMatch(/droit au séjour|article|CESEDA|n° \d{6}/i);
  });

  test('writes days and times the French way', () => {
    expect(letterDay('2018-03-01')).toBe('1er mars 2018');
    expect(letterDay('2018-03-21')).toBe('21 mars 2018');
    expect(letterTime('09:05')).toBe('9 h 05');
  });
});

describe('checking the form', () => {
  const fields = (form: LetterForm, today = '2018-04-03') => letterErrors(form, today).map((error) => error.field);

  test('a complete form has no error', () => {
    expect(letterErrors(filledForm(), '2018-04-03')).toEqual([]);
  });

  test('a blank form lists the required fields in the order of the form', () => {
    expect(fields(emptyLetterForm(FACTS))).toEqual([
      'name',
      'address',
      'prefectureAddress',
      'place',
      'date',
      'situation',
    ]);
  });

  test.each([
    [{ prefectureAddress: 'Préfecture de Bobigny\nService des étrangers' }, ['prefectureAddress']],
    [{ title: ' ' }, ['title']],
    [{ attempts: [] }, ['attempts']],
    [{ attempts: [{ day: '2018-03-05', time: '', result: '' }] }, ['attempt-0-time']],
    [{ attempts: [{ day: '', time: '09:15', result: '' }] }, ['attempt-0-day', 'attempts']],
    [{ attempts: [{ day: '2018-04-05', time: '09:15', result: '' }] }, ['attempt-0-day']],
    [{ situation: 'sans-internet' as const, attempts: [] }, []],
    [{ visitDate: '2018-04-01' }, ['visitDate']],
    [{ visitTime: '09:00' }, ['visitDate']],
  ])('%j → %j', (overrides, expected) => {
    expect(fields(filledForm(overrides))).toEqual(expected);
  });

  test('each error says what to do, in French', () => {
    for (const error of letterErrors(emptyLetterForm(FACTS), '2018-04-03'))
      expect(error.message).toMatch(/^(Indiquez|Complétez|Choisissez)/);
  });

  test.each([
    [
      [
        ['2018-03-05', '09:15'],
        ['2018-03-13', '17:45'],
        ['2018-03-20', '14:30'],
      ],
      [],
    ],
    [
      [
        ['2018-03-05', '09:15'],
        ['2018-03-13', '17:45'],
      ],
      ['trois à cinq'],
    ],
    [
      [
        ['2018-03-05', '09:15'],
        ['2018-03-07', '17:45'],
        ['2018-03-09', '11:00'],
      ],
      ['même semaine'],
    ],
    [
      [
        ['2018-03-05', '09:15'],
        ['2018-03-06', '17:45'],
      ],
      ['trois à cinq', 'même semaine'],
    ],
  ])('advice on attempts %#', (attempts, expected) => {
    const advice = attemptAdvice(
      filledForm({ attempts: attempts.map(([day, time]) => ({ day: day!, time: time!, result: '' })) }),
    );
    expect(advice).toHaveLength(expected.length);
    expected.forEach((words, index) => expect(advice[index]).toContain(words));
  });
});
