/**
 * « No slot » only when it is the page's answer (issue 8 §1): the message
 * must be shown on its own in the booking form of a page that offers nothing
 * else; hidden, quoted, typed into a control or beside another offer, it is
 * `unrecognized`. Maintenance notices anywhere in the main text close the page.
 */
import { describe, expect, test } from 'vitest';
import { classifyLegacyPage } from '../../src/robot/adapters/legacy-booking-pages.ts';
import { classifyRdvPage, parseSlotPage } from '../../src/robot/adapters/rdv-prefecture-pages.ts';
import { isNoSlotMessage, mentionsNoSlot } from '../../src/robot/no-slot-message.ts';
import { closedNotice, maintenanceNotice } from '../../src/robot/page-signals.ts';
import { mainText, textBlocks, visibleDocument } from '../../src/robot/visible-text.ts';
import { NO_SLOT_CLASSIC, noSlotPage, sitePage } from '../../src/robot/simulator/legacy-pages.ts';
import { NO_SLOT_VARIANTS, noSlotVariantPage } from '../../src/robot/simulator/no-slot-variants.ts';
import { slotPage } from '../../src/robot/simulator/rdv-pages.ts';

const KIND_OF_OUTCOME = { none: 'no-slot', unrecognized: 'unrecognized', closed: 'closed' } as const;

describe('each class of availability page', () => {
  test.each(NO_SLOT_VARIANTS.map((entry) => [entry.label, entry] as const))('%s', (_, { variant, outcome }) => {
    expect(classifyLegacyPage(noSlotVariantPage(variant, '', '1'), '1').kind).toBe(KIND_OF_OUTCOME[outcome]);
  });

  test('the unrecognized ones say why', () => {
    expect(classifyLegacyPage(noSlotVariantPage('display-none', '', '1'), '1')).toMatchObject({
      reason: expect.stringMatching(/not shown in the booking form/),
    });
    expect(classifyLegacyPage(noSlotVariantPage('quoted-sentence', '', '1'), '1')).toMatchObject({
      reason: 'no-slot wording inside a longer sentence',
    });
    expect(classifyLegacyPage(noSlotVariantPage('blockquote', '', '1'), '1')).toMatchObject({
      reason: 'no-slot wording quoted in the booking form',
    });
    expect(classifyLegacyPage(noSlotVariantPage('on-conditions', '', '1'), '1')).toMatchObject({
      reason: 'no-slot message on a page that also has the conditions checkbox, a next-step button',
    });
    expect(classifyLegacyPage(noSlotVariantPage('beside-calendar', '', '1'), '1')).toMatchObject({
      reason: expect.stringMatching(/a calendar/),
    });
  });

  test('the message is kept as shown', () => {
    expect(classifyLegacyPage(noSlotVariantPage('split-by-markup', '', '1'), '1')).toEqual({
      kind: 'no-slot',
      message: NO_SLOT_CLASSIC,
    });
  });
});

describe('more pages of each class', () => {
  const form = (inner: string) => noSlotPage('', '1', 'classic').replace(NO_SLOT_CLASSIC, inner);
  test.each([
    ['opacity 0', form(`<p style="opacity:0">${NO_SLOT_CLASSIC}</p>`), 'unrecognized'],
    ['font-size 0', form(`<p style="font-size: 0px">${NO_SLOT_CLASSIC}</p>`), 'unrecognized'],
    ['a hiding class', form(`<p class="fr-hidden">${NO_SLOT_CLASSIC}</p>`), 'unrecognized'],
    ['inside a hidden parent', form(`<div style="display:none"><p>${NO_SLOT_CLASSIC}</p></div>`), 'unrecognized'],
    ['in a template', form(`<template><p>${NO_SLOT_CLASSIC}</p></template>`), 'unrecognized'],
    ['in noscript', form(`<noscript>${NO_SLOT_CLASSIC}</noscript>`), 'unrecognized'],
    ['in a button', form(`<button type="button">${NO_SLOT_CLASSIC}</button>`), 'unrecognized'],
    [
      'shown, and quoted again in a sentence of the form',
      form(`${NO_SLOT_CLASSIC}<p>Le message « ${NO_SLOT_CLASSIC} » signifie que tout est pris.</p>`),
      'unrecognized',
    ],
    ['the sentence continued', form(`${NO_SLOT_CLASSIC.replace(/\.$/, '')} ou appelez le standard.`), 'unrecognized'],
    ['a sentence before it', form(`Selon le site : ${NO_SLOT_CLASSIC}`), 'unrecognized'],
    ['shown, plus a hidden copy', form(`${NO_SLOT_CLASSIC}<div hidden>${NO_SLOT_CLASSIC}</div>`), 'no-slot'],
    [
      'shown, plus a quotation outside the form',
      form(NO_SLOT_CLASSIC).replace(
        '<main id="contenu">',
        `<main id="contenu"><p>Aide : « ${NO_SLOT_CLASSIC} » veut dire revenir plus tard.</p>`,
      ),
      'no-slot',
    ],
    ['in its own paragraph', form(`<p>${NO_SLOT_CLASSIC}</p>`), 'no-slot'],
    [
      'only the first sentence',
      form("Il n'existe plus de plage horaire libre pour votre demande de rendez-vous."),
      'no-slot',
    ],
    [
      'a visible radio elsewhere on the page',
      form(NO_SLOT_CLASSIC).replace('</main>', '<form><input type="radio" name="sondage" value="1"/></form></main>'),
      'unrecognized',
    ],
    [
      'quoted outside the form only, on a page with a form',
      sitePage(
        'Aide',
        `<p>« ${NO_SLOT_CLASSIC} »</p><div id="inner_Booking"><form id="FormBookingCreate"></form></div>`,
      ),
      'unrecognized',
    ],
  ])('%s', (_, html, kind) => {
    expect(classifyLegacyPage(html, '1').kind).toBe(kind);
  });
});

describe('wordings', () => {
  test.each([
    [NO_SLOT_CLASSIC, true],
    [
      'Il n’existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez réessayer ultérieurement.',
      true,
    ],
    [
      "Il n'existe plus de plage horaire libre pour votre a demande de rendez-vous. Veuillez recommencer ultérieurement.",
      true,
    ],
    ["Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. Please try later.", true],
    ['There is no more free time slot for your appointment request. Please try later.', true],
    ['There are no available slots. Please try again later.', true],
    [`Si « ${NO_SLOT_CLASSIC} » s'affiche, revenez.`, false],
    ["Il n'existe plus de plage horaire libre pour votre demande de rendez-vous, sauf le mardi.", false],
  ])('%j alone is the message: %s', (text, expected) => {
    expect(isNoSlotMessage(text)).toBe(expected);
    expect(mentionsNoSlot(text)).toBe(true);
  });

  test.each([
    ['<h1>Maintenance en cours</h1>', 'maintenance en cours'],
    ['<p>La réservation est actuellement en maintenance.</p>', 'est actuellement en maintenance'],
    ['<p>Site actuellement indisponible.</p>', 'site actuellement indisponible'],
    ['<p>Une opération de maintenance est prévue le 12 mai.</p>', null],
  ])('maintenanceNotice(%j)', (html, expected) => {
    expect(maintenanceNotice(mainText(visibleDocument(html)))).toBe(expected);
  });

  test('closedNotice knows the maintenance wordings too', () => {
    expect(closedNotice('Le site est actuellement en maintenance')).toBe('est actuellement en maintenance');
  });

  test('a maintenance notice in the header or footer does not close the booking module', () => {
    const page = noSlotPage('', '1', 'classic').replace(
      '</footer>',
      '<p>Maintenance en cours sur le site des cartes grises.</p></footer>',
    );
    expect(classifyLegacyPage(page, '1').kind).toBe('no-slot');
  });

  test('a hidden maintenance notice is not what the page says', () => {
    const page = noSlotPage('', '1', 'classic').replace(
      '<main id="contenu">',
      '<main id="contenu"><p hidden>Maintenance en cours</p>',
    );
    expect(classifyLegacyPage(page, '1').kind).toBe('no-slot');
  });
});

describe('text blocks', () => {
  test('a sentence with a quotation is one block, with the quotation marked', () => {
    const $ = visibleDocument('<div id="x"><p>Avant <q>cité</q> après</p><blockquote><p>Dedans</p></blockquote></div>');
    expect(textBlocks($, $('#x')).map((block) => [block.text.trim(), block.quoted])).toEqual([
      ['Avant « cité » après', false],
      ['Dedans', true],
      ['', true],
      ['', false],
    ]);
  });
});

describe('RDV-Préfecture slot page', () => {
  const now = new Date('2026-05-18T08:00:00Z');
  const none = slotPage('2200', [], now);
  test.each([
    ['the plain page', none, 'none'],
    [
      'slot radios rendered beside an empty state',
      none.replace('<h2>', '<input type="radio" name="trhId" id="trhId_1"/><h2>'),
      'unrecognized',
    ],
    [
      'a next availability shown beside an empty state',
      none.replace('<h2>', '<p>Prochaine disponibilité le 02/06/2026</p><h2>'),
      'unrecognized',
    ],
    [
      'a next availability hidden beside an empty state',
      none.replace('<h2>', '<p hidden>Prochaine disponibilité le 02/06/2026</p><h2>'),
      'none',
    ],
  ])('%s', (_, html, kind) => {
    expect(parseSlotPage(html).kind).toBe(kind);
  });

  test('a hidden closed notice does not close the platform', () => {
    expect(
      classifyRdvPage(
        none.replace('<h2>', '<p style="display:none">Service momentanément indisponible</p><h2>'),
        '2200',
      ).kind,
    ).toBe('slot-page');
  });
});
