/**
 * The calendar file (iCalendar, RFC 5545) of « Planifier mes tentatives »:
 * one event per planned attempt, each with a reminder and the steps to follow.
 *
 * Times are floating local times (no `TZID`, no `Z`): a reminder at 09:15
 * rings at 09:15 on the person's own clock, wherever they are. The site covers
 * overseas prefectures (Guadeloupe, La Réunion, Mayotte…) whose clocks are not
 * Paris's: pinning the events to Europe/Paris would move them by hours there.
 *
 * Built in the browser from the start day the person chooses; nothing leaves
 * the browser.
 */
import type { PlannedAttempt } from './attempt-plan.ts';

/** What the calendar may add to every attempt. */
export interface CalendarOptions {
  /** When the file is made: the DTSTAMP of every event. */
  now: Date;
  /** Makes the UIDs unique to this file (e.g. random hex from the browser). */
  uidSeed: string;
  /** The booking page to try, when the person chose a procedure. */
  bookingUrl?: string;
  /** The procedure and prefecture, e.g. « Titre de séjour — Préfecture de Bobigny ». */
  procedureLabel?: string;
  /** Minutes before each attempt the reminder rings. */
  reminderMinutes?: number;
  /** Minutes each attempt is given in the calendar. */
  durationMinutes?: number;
}

const PRODUCT_ID = '-//Guichets fermés//Planifier mes tentatives//FR';
const ATTEMPT_COUNT = 5;

/** The event title of attempt `number`. */
function attemptSummary(number: number, count = ATTEMPT_COUNT): string {
  return `Tentative de prise de rendez-vous en préfecture (${number}/${count})`;
}

/** The steps of one attempt, as the guide « Garder la preuve » sets them out. */
function attemptSteps(options: Pick<CalendarOptions, 'bookingUrl' | 'procedureLabel'>): string[] {
  const where = options.bookingUrl ? ` : ${options.bookingUrl}` : ' (le site de la préfecture)';
  return [
    ...(options.procedureLabel ? [`Démarche : ${options.procedureLabel}.`] : []),
    `1. Essayez de prendre rendez-vous sur la page de réservation${where}.`,
    '2. Faites une capture de tout l’écran qui montre l’adresse du site, la date, l’heure et le message affiché (par exemple « aucune date disponible »), ou imprimez la page avec les en-têtes et pieds de page.',
    '3. Notez le résultat dans votre journal des tentatives : date, heure, résultat, nom du fichier de la capture.',
    'Gardez l’original de la capture, sans le recadrer ni le retoucher.',
  ];
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line into physical lines of at most 75 octets (RFC 5545
 * §3.1), continuation lines starting with one space, never splitting a UTF-8
 * character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    // The first line holds 75 octets; continuations 74 after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compact = (day: string) => day.replace(/-/g, '');

/** A floating local DATE-TIME, e.g. `20180301T091500`. */
export function localDateTime(day: string, time: string): string {
  return `${compact(day)}T${time.replace(':', '')}00`;
}

/** A UTC DATE-TIME, e.g. `20180301T081500Z`. */
function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The local end of an attempt `minutes` after its start, as a floating DATE-TIME. */
function endOf(day: string, time: string, minutes: number): string {
  const end = new Date(`${day}T${time}:00Z`);
  end.setUTCMinutes(end.getUTCMinutes() + minutes);
  return localDateTime(end.toISOString().slice(0, 10), end.toISOString().slice(11, 16));
}

/** The whole calendar file, CRLF line ends, folded lines. */
export function attemptCalendar(plan: readonly PlannedAttempt[], options: CalendarOptions): string {
  const reminder = options.reminderMinutes ?? 10;
  const duration = options.durationMinutes ?? 15;
  const stamp = utcDateTime(options.now);
  const description = escapeText(attemptSteps(options).join('\n'));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText('Tentatives de rendez-vous en préfecture')}`,
  ];
  for (const attempt of plan) {
    const summary = escapeText(attemptSummary(attempt.number, plan.length));
    lines.push(
      'BEGIN:VEVENT',
      `UID:tentative-${attempt.number}-${compact(attempt.day)}-${options.uidSeed}@guichets-fermes`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${localDateTime(attempt.day, attempt.time)}`,
      `DTEND:${endOf(attempt.day, attempt.time, duration)}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${description}`,
      ...(options.bookingUrl ? [`URL:${options.bookingUrl}`] : []),
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:-PT${reminder}M`,
      `DESCRIPTION:${summary}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
