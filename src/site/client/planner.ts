/**
 * « Planifier mes tentatives » in the browser: fills the attempt log with the
 * planned days and makes the .ics calendar in memory. The chosen procedure
 * may come from the address (`?demarche=93/titre-sejour-bobigny`, the link on
 * the letter page); the start day is never sent anywhere.
 */
import { isCalendarDay } from '../../lib/calendar.ts';
import { frenchSpacing } from '../../lib/french-typography.ts';
import { ATTEMPT_SCHEDULE, attemptPlanAt, wallClock, type PlanAt } from '../toolkit/attempt-plan.ts';
import { attemptCalendar } from '../toolkit/ics.ts';
import { letterTime } from '../toolkit/letter.ts';
import { saveFile } from './download.ts';

interface ProcedureChoice {
  key: string;
  label: string;
  url: string;
}

const form = document.querySelector<HTMLFormElement>('[data-planner]');
const source = document.querySelector('script[data-procedures]');

const weekdayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `lundi 5 mars 2018`, `jeudi 1er mars 2018`. */
function plannedDay(day: string): string {
  return weekdayFormat.format(new Date(`${day}T00:00:00Z`)).replace(/^(\S+) 1 /, '$1 1er ');
}

/** The person's wall clock now, in their own time zone: the plan never proposes a time already past on it. */
function now() {
  return wallClock(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** Why the plan starts later than the day asked for, with no-break spaces as French typography wants. */
function postponedWords(plan: PlanAt): string {
  const first = letterTime(ATTEMPT_SCHEDULE[0]!.time).replace(/ /g, '\u00a0');
  return frenchSpacing(
    `La première tentative serait à ${first} le ${plannedDay(plan.wanted)}, une heure déjà passée : le plan commence le ${plannedDay(plan.start)}.`,
  );
}

/** Random hex for the UIDs of one file. */
function randomSeed(): string {
  return [...crypto.getRandomValues(new Uint8Array(6))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

if (form && source?.textContent) {
  const procedures = JSON.parse(source.textContent) as ProcedureChoice[];
  const start = form.querySelector<HTMLInputElement>('#start')!;
  const choice = form.querySelector<HTMLSelectElement>('#demarche')!;
  const error = form.querySelector<HTMLElement>('#start-error')!;
  const status = form.querySelector<HTMLElement>('[data-planner-status]')!;
  const moved = form.querySelector<HTMLElement>('[data-start-moved]')!;
  const rows = [...document.querySelectorAll<HTMLTableRowElement>('[data-planned-attempt]')];
  const logProcedure = document.querySelector<HTMLElement>('[data-log-procedure]')!;
  const logUrl = document.querySelector<HTMLElement>('[data-log-url]')!;
  const blank = logProcedure.textContent ?? '';

  const wanted = new URLSearchParams(window.location.search).get('demarche');
  if (wanted && procedures.some((procedure) => procedure.key === wanted)) choice.value = wanted;
  start.value = now().day;
  start.min = start.value;

  const selected = () => procedures.find((procedure) => procedure.key === choice.value);

  /** Checks the start day; shows the error next to the field when it is not a day. */
  const valid = (): boolean => {
    const ok = isCalendarDay(start.value);
    error.hidden = ok;
    error.textContent = ok ? '' : 'Indiquez la date de la première tentative.';
    if (ok) {
      start.removeAttribute('aria-invalid');
      start.setAttribute('aria-describedby', 'start-hint');
    } else {
      start.setAttribute('aria-invalid', 'true');
      start.setAttribute('aria-describedby', 'start-hint start-error');
    }
    return ok;
  };

  const update = () => {
    const procedure = selected();
    logProcedure.textContent = procedure ? procedure.label : blank;
    logUrl.textContent = procedure ? procedure.url : blank;
    if (!valid()) return;
    const plan = attemptPlanAt(start.value, now());
    moved.hidden = !plan.postponed;
    moved.textContent = plan.postponed ? postponedWords(plan) : '';
    plan.attempts.forEach((attempt, index) => {
      const row = rows[index];
      if (!row) return;
      row.querySelector('[data-planned-day]')!.textContent = plannedDay(attempt.day);
    });
  };

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.querySelector('[data-download-ics]')!.addEventListener('click', () => {
    if (!valid()) {
      start.focus();
      return;
    }
    const procedure = selected();
    update(); // the clock may have passed the first attempt's time since the last change
    const calendar = attemptCalendar(attemptPlanAt(start.value, now()).attempts, {
      now: new Date(),
      uidSeed: randomSeed(),
      ...(procedure ? { bookingUrl: procedure.url, procedureLabel: procedure.label } : {}),
    });
    saveFile('tentatives-rendez-vous-prefecture.ics', 'text/calendar;charset=utf-8', calendar);
    status.textContent = frenchSpacing('Calendrier enregistré dans vos téléchargements : ouvrez-le avec votre agenda.');
  });
  form.querySelector('[data-print-log]')!.addEventListener('click', () => window.print());
  form.hidden = false;
  for (const note of document.querySelectorAll<HTMLElement>('[data-without-script]')) note.hidden = true;
  update();
}
