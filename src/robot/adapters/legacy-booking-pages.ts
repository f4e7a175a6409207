/**
 * Pure readers of the legacy booking module's pages (eZ Publish,
 * `/booking/create/{formId}/{step}`), on HTML strings. A page is classified by
 * what it shows, never by the step number in its URL, because the step reached
 * after each form varies between prefectures (booking-systems.md §2.3).
 *
 * Only the explicit no-slot message, shown on its own in the booking form of a
 * page that offers nothing else, makes a page `no-slot`: anything doubtful is
 * `unrecognized`, a failure (see no-slot-message.ts).
 */
import * as cheerio from 'cheerio';
import { mentionsNoSlot, noSlotAnswer } from '../no-slot-message.ts';
import { closedNotice, hasCaptcha, isChallengePage, isOverloadNotice, maintenanceNotice } from '../page-signals.ts';
import { matchableText, readableText } from '../page-text.ts';
import { mainText, visibleDocument } from '../visible-text.ts';
import { daysBetween, isCalendarDay } from '../../lib/calendar.ts';

/** A counter ("guichet") offered by the counter step. */
export interface Counter {
  id: string;
  label: string;
}

export type LegacyPage =
  | { kind: 'blocked' }
  | { kind: 'closed'; notice: string }
  | { kind: 'overloaded' }
  | { kind: 'captcha' }
  | { kind: 'session-expired'; notice: string }
  /** The explicit message that no slot is free. */
  | { kind: 'no-slot'; message: string }
  /** The calendar step: slots exist; they are read from the planning weeks. */
  | { kind: 'calendar'; planningId: string | null }
  /** The conditions to accept (step 0). */
  | { kind: 'conditions'; action: string | null; button: string }
  /** The choice of a counter. */
  | { kind: 'counters'; action: string | null; counters: Counter[] }
  /** A form with only "Etape suivante" (the implicit appointment type of some forms). */
  | { kind: 'next-step'; action: string | null }
  | { kind: 'unrecognized'; reason: string };

const SESSION_EXPIRED =
  /session (a expire|est expiree|est perdue|est terminee|n'est plus valide)|delai de saisie (est )?depasse/;

/**
 * Classifies a booking page. Failure signals are checked first, so that a page
 * carrying both a notice and the no-slot wording is never read as "no slot".
 * Notices and the no-slot message are read from the visible text only.
 */
export function classifyLegacyPage(html: string, formId: string): LegacyPage {
  if (isChallengePage(html)) return { kind: 'blocked' };
  const $ = cheerio.load(html);
  const title = $('title').text();
  $('script, style').remove();
  const visible = visibleDocument(html);
  const text = visible('body').length > 0 ? visible('body').text() : visible.root().text();
  const visibleArea =
    visible('#inner_Booking').length > 0 ? visible('#inner_Booking') : visible('form#FormBookingCreate');
  const areaText = visibleArea.length > 0 ? visibleArea.text() : text;
  // A notice inside the booking module closes it, and so does a maintenance
  // notice in the page's main text; a site-wide banner about something else does not.
  const closed = closedNotice(areaText) ?? maintenanceNotice(mainText(visible));
  if (closed) return { kind: 'closed', notice: closed };
  if (isOverloadNotice(`${visible('h1, h2').text()} ${title}`) || isOverloadNotice(text.slice(0, 2000)))
    return { kind: 'overloaded' };
  if (hasCaptcha(html)) return { kind: 'captcha' };
  const expired = SESSION_EXPIRED.exec(matchableText(areaText));
  if (expired) return { kind: 'session-expired', notice: expired[0] };

  const form = $('form#FormBookingCreate');
  const planningRadios = form.find('input[type="radio"][name="planning"]');
  const calendar = calendarSignals(html, $, formId);

  if (mentionsNoSlot(mentionText($))) {
    const visibleForm = visible('form#FormBookingCreate');
    const answer = noSlotAnswer(visible, visibleForm.length > 0 ? visibleForm : visible('#inner_Booking'));
    if (answer.kind === 'not-an-answer') return { kind: 'unrecognized', reason: answer.reason };
    const conflicts = conflictingSignals($, calendar);
    if (conflicts.length > 0)
      return { kind: 'unrecognized', reason: `no-slot message on a page that also has ${conflicts.join(', ')}` };
    return { kind: 'no-slot', message: answer.message };
  }
  if (form.length === 0) return { kind: 'unrecognized', reason: 'no booking form (#FormBookingCreate) on the page' };
  if (calendar.strong || (calendar.weak && planningRadios.length === 0)) {
    return { kind: 'calendar', planningId: calendar.planningId };
  }
  const action = form.attr('action') ?? null;
  if (planningRadios.length > 0) {
    const counters = planningRadios.toArray().map((input) => {
      const id = $(input).attr('value') ?? '';
      const inputId = $(input).attr('id');
      const label = inputId ? $(`label[for="${inputId}"]`).first().text() : '';
      return { id, label: readableText(label || $(input).parent().text()) };
    });
    if (counters.some((counter) => !/^\d+$/.test(counter.id)))
      return { kind: 'unrecognized', reason: 'a counter without a numeric id' };
    return { kind: 'counters', action, counters };
  }
  const condition = form.find('input[type="checkbox"][name="condition"]');
  const next = form.find('input[type="submit"][name="nextButton"], button[name="nextButton"]');
  if (condition.length > 0 && next.length > 0) {
    return { kind: 'conditions', action, button: next.first().attr('value') ?? 'Effectuer une demande de rendez-vous' };
  }
  if (
    next.length > 0 &&
    form.find('input[type="radio"], input[type="checkbox"], input[type="text"], select, textarea').length === 0
  ) {
    return { kind: 'next-step', action };
  }
  return { kind: 'unrecognized', reason: 'booking form of an unknown kind' };
}

/** Every text of the page, hidden or not, form controls' values included: where a mention of the message may hide. */
function mentionText($: cheerio.CheerioAPI): string {
  const values = $('input[value], button[value]')
    .toArray()
    .map((input) => $(input).attr('value') ?? '');
  return `${$.root().text()} ${values.join(' ')}`;
}

/**
 * What else the page offers, each of which contradicts « no slot »: the
 * conditions to accept, counters to choose, a button to go on, a calendar,
 * slot links. Hidden ones count too: a page that carries them is not the
 * plain availability answer.
 */
function conflictingSignals($: cheerio.CheerioAPI, calendar: { strong: boolean; weak: boolean }): string[] {
  const conflicts: string[] = [];
  if ($('input[type="checkbox"][name="condition"]').length > 0) conflicts.push('the conditions checkbox');
  if ($('input[type="radio"]').length > 0) conflicts.push('counters to choose');
  if ($('[name="nextButton"]').length > 0) conflicts.push('a next-step button');
  if (calendar.strong || calendar.weak || $('th[colspan="7"], table.planning').length > 0) conflicts.push('a calendar');
  // Slot links of this form or any other: `/booking/create/{id}/5/{timestamp}`.
  if (
    $('a[href]')
      .toArray()
      .some((link) => /\/booking\/create\/\d+\/5\/\d+/.test($(link).attr('href') ?? ''))
  )
    conflicts.push('slot links');
  return conflicts;
}

/**
 * Signs of the calendar step. Strong: the planning AJAX address or the "first
 * free slot" button. Weak: the active-step image `etape_4r` (2ooom's detector).
 */
function calendarSignals(
  html: string,
  $: cheerio.CheerioAPI,
  formId: string,
): { strong: boolean; weak: boolean; planningId: string | null } {
  const ajax = new RegExp(`bookingserver::planning::assign::${formId}::(\\d+)`).exec(html);
  const firstFreeButton = $('input[name="nextButton"]')
    .toArray()
    .some((input) => matchableText($(input).attr('value') ?? '').includes('premiere plage horaire libre'));
  const stepImage = $('img[src*="etape_4r"]').length > 0;
  return { strong: ajax !== null || firstFreeButton, weak: stepImage, planningId: ajax?.[1] ?? null };
}

/** One week of the planning AJAX endpoint. */
export interface PlanningWeek {
  /** Monday of the week from its header, `YYYY-MM-DD`, or null when the header is missing or unreadable. */
  weekStart: string | null;
  /** The header as shown. */
  header: string;
  /** Unix timestamps (seconds) of the free slots, ascending, without duplicates. */
  slots: number[];
}

const FRENCH_MONTHS = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];
const ENGLISH_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Week header, French or English ("Semaine du lundi 27 avril 2020 au dimanche 03 mai 2020", "Week from lundi 27 avril 2020 to …"). */
const WEEK_HEADER =
  /(?:semaine du|week from)\s+\p{L}+\.?\s+(\d{1,2})(?:er)?\s+(\p{L}+)\.?\s+(\d{4})\s+(?:au|to)\s+\p{L}+\.?\s+(\d{1,2})(?:er)?\s+(\p{L}+)\.?\s+(\d{4})/u;

/**
 * Reads a planning week fragment: its header and its free-slot links
 * (`…/booking/create/{formId}/5/{unixTimestamp}`). Returns null when the
 * fragment is neither a planning table nor has a week header.
 */
export function parsePlanningWeek(html: string, formId: string): PlanningWeek | null {
  const $ = cheerio.load(html);
  const headerCell = $('th[colspan="7"]').first();
  const header = readableText(headerCell.length > 0 ? headerCell.text() : '');
  const weekStart = parseWeekHeader(header || matchableText($.root().text()));
  const linkPattern = new RegExp(`/booking/create/${formId}/5/(\\d{9,11})(?:[/?#]|$)`);
  const slots = new Set<number>();
  $('a[href]').each((_, link) => {
    const match = linkPattern.exec($(link).attr('href') ?? '');
    if (match) slots.add(Number(match[1]));
  });
  if (weekStart === null && $('table').length === 0 && slots.size === 0) return null;
  return { weekStart, header, slots: [...slots].sort((a, b) => a - b) };
}

/** The Monday `YYYY-MM-DD` a week header starts on, or null. */
export function parseWeekHeader(header: string): string | null {
  const match = WEEK_HEADER.exec(matchableText(header));
  if (!match) return null;
  const [, day, monthName, year, endDay, endMonthName, endYear] = match as unknown as string[];
  const start = calendarDay(Number(year), monthName!, Number(day));
  const end = calendarDay(Number(endYear), endMonthName!, Number(endDay));
  if (start === null || end === null || daysBetween(start, end) !== 6) return null;
  return start;
}

function calendarDay(year: number, monthName: string, day: number): string | null {
  const french = FRENCH_MONTHS.indexOf(monthName);
  const month = (french >= 0 ? french : ENGLISH_MONTHS.indexOf(monthName)) + 1;
  if (month === 0 || day < 1 || day > 31) return null;
  const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDay(text) ? text : null;
}

/** The AJAX address of a planning week, under the same path prefix as the booking pages (e.g. `/index.php`). */
export function planningWeekUrl(
  origin: string,
  prefix: string,
  formId: string,
  planningId: string,
  dayOffset: number,
): string {
  return `${origin}${prefix}/ezjscore/call/bookingserver::planning::assign::${formId}::${planningId}::${dayOffset}`;
}

/** Where a booking URL's parts are: `{prefix}/booking/create/{formId}[/{step}…]`. */
export interface BookingAddress {
  origin: string;
  /** Path before `/booking`, e.g. `` or `/index.php`. */
  prefix: string;
  formId: string;
}

/** Reads a booking address, or null when the URL is not one of the legacy module. */
export function parseBookingAddress(url: string): BookingAddress | null {
  const parsed = new URL(url);
  const match = /^(.*?)\/booking\/create\/(\d+)(?:\/|$)/.exec(parsed.pathname);
  if (!match) return null;
  return { origin: parsed.origin, prefix: match[1]!, formId: match[2]! };
}
