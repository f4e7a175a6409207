/**
 * The state of an RDV-Préfecture slot page (`/rdvpref/reservation/demarche/{id}/creneau/`),
 * as the platform ships it: JSON in `<script id="vui-init-data">`, whose
 * `vueData` holds `critere` (first availability), `tranches` (the slots of
 * the week shown) and the previous and next publications of slots
 * (booking-systems.md §3.1, §3.4). One reader for the robot (pages fetched
 * over HTTP), the volunteers' bookmarklet (the page in their browser) and the
 * operator's `npm run observe` (a saved page): pure, no DOM, no Node.
 *
 * zod/mini rather than zod: the same schemas, but small enough to travel
 * inside a bookmarklet.
 */
import * as z from 'zod/mini';
import { formatMinutes, formatParisTimestamp, parisInstant } from './calendar.ts';

/** `DD/MM/YYYY`, the date format of the platform's JSON. */
const localDate = z.string().check(z.regex(/^\d{2}\/\d{2}\/\d{4}$/, 'must be DD/MM/YYYY'));

/** A bookable slot (`DtTrancheHoraire` of vertigo-planning). */
const trancheSchema = z.looseObject({
  /** The slot's id on the platform. */
  trhId: z.union([z.string(), z.number()]),
  /** Day of the slot, `DD/MM/YYYY`. */
  dateLocale: localDate,
  /** Minutes since midnight; the front end also accepts "HH:MM". */
  minutesDebut: z.union(
    [z.number().check(z.int(), z.minimum(0), z.maximum(24 * 60 - 1)), z.string().check(z.regex(/^\d{1,2}:\d{2}$/))],
    { error: 'must be minutes since midnight or HH:MM' },
  ),
});

/** Search criteria (`DtCritereTrancheHoraire`). */
const critereSchema = z.looseObject({
  /** First day a slot is free, `DD/MM/YYYY`; "" when nothing is free. */
  datePremiereDispo: z.union([z.literal(''), localDate], { error: 'must be "" or DD/MM/YYYY' }),
  /** The Monday of the week shown. */
  premierJour: z.optional(localDate),
  /** First and last days one may book. */
  dateMin: z.optional(localDate),
  dateMax: z.optional(localDate),
});

/** A publication of new slots (`DtPublicationRange`). */
const publicationSchema = z.looseObject({
  /** First day of the slots published (the week « pour des créneaux de la semaine du … »). */
  dateMin: z.optional(localDate),
  /** Last day of the slots published. */
  dateMax: z.optional(localDate),
  /** When the slots were or will be put online, `DD/MM/YYYY HH:mm` Paris time. */
  instantPublication: z.optional(
    z.string().check(z.regex(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, 'must be DD/MM/YYYY HH:mm')),
  ),
});

/** The part of `vueData` a slot page is read from. */
const slotStateSchema = z.looseObject({
  /** Search criteria, with the first availability. */
  critere: critereSchema,
  /** Slots of the week shown (absent or empty when none). */
  tranches: z.optional(z.array(trancheSchema)),
  /** The last publication of new slots. */
  precedentePub: z.nullish(publicationSchema),
  /** The next announced publication. */
  prochainePub: z.nullish(publicationSchema),
});

/** A slot, in the project's forms. */
export interface RdvSlot {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`, or "" when only the day is known (« Prochaine disponibilité le … »). */
  time: string;
}

/** When slots were and will be published, `DD/MM/YYYY HH:mm` as on the site. */
export interface Publications {
  previous: string | null;
  next: string | null;
}

export type SlotState =
  | {
      kind: 'slots';
      first: RdvSlot;
      second: RdvSlot | null;
      slotsShown: number;
      publications: Publications;
      note: string;
    }
  | { kind: 'none'; publications: Publications }
  | { kind: 'unrecognized'; reason: string };

/**
 * Reads the `vui-init-data` JSON text of a slot page. `none` only when the
 * state says so explicitly (`datePremiereDispo` is "" and no slot is
 * listed); slots listed this week give the first two; none this week but a
 * `datePremiereDispo` gives that date as the first (the second is unknown).
 */
export function readSlotState(initDataJson: string | null): SlotState {
  if (initDataJson === null) return { kind: 'unrecognized', reason: 'no readable vui-init-data JSON' };
  let state: unknown;
  try {
    state = JSON.parse(initDataJson);
  } catch {
    return { kind: 'unrecognized', reason: 'no readable vui-init-data JSON' };
  }
  const vueData = typeof state === 'object' && state !== null ? (state as { vueData?: unknown }).vueData : undefined;
  const parsed = slotStateSchema.safeParse(vueData);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    return { kind: 'unrecognized', reason: `vui-init-data: ${issue.path.join('.') || 'vueData'} ${message}` };
  }
  const { critere, tranches = [], precedentePub, prochainePub } = parsed.data;
  const publications: Publications = {
    previous: precedentePub?.instantPublication ?? null,
    next: prochainePub?.instantPublication ?? null,
  };
  const slots = tranches.map(toSlot).sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
  if (slots.some((slot) => slot.date === '')) return { kind: 'unrecognized', reason: 'a slot with an impossible date' };
  if (critere.datePremiereDispo === '') {
    if (slots.length > 0) return { kind: 'unrecognized', reason: 'slots listed while datePremiereDispo is empty' };
    return { kind: 'none', publications };
  }
  const premiereDispo = isoDate(critere.datePremiereDispo);
  if (premiereDispo === '') return { kind: 'unrecognized', reason: 'datePremiereDispo is not an existing day' };
  const [first, second] = slots;
  if (first) return { kind: 'slots', first, second: second ?? null, slotsShown: slots.length, publications, note: '' };
  return {
    kind: 'slots',
    first: { date: premiereDispo, time: '' },
    second: null,
    slotsShown: 0,
    publications,
    note: `next availability ${critere.datePremiereDispo}, later slots not read`,
  };
}

function toSlot(tranche: z.infer<typeof trancheSchema>): RdvSlot {
  const minutes = tranche.minutesDebut;
  const time = typeof minutes === 'number' ? formatMinutes(minutes) : minutes.padStart(5, '0');
  return { date: isoDate(tranche.dateLocale), time };
}

/** `DD/MM/YYYY` to `YYYY-MM-DD`, or "" when that day does not exist. */
export function isoDate(localDay: string): string {
  const [day, month, year] = localDay.split('/');
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso
    ? iso
    : '';
}

/**
 * A publication instant as the site writes it (`04/05/2026 11:58`, Paris
 * time) in the data's form (`2026-05-04T11:58:00+02:00`), or "" when it is
 * not an existing time.
 */
export function publicationTimestamp(sitePublication: string): string {
  const [localDay = '', time = ''] = sitePublication.split(' ');
  const day = isoDate(localDay);
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (day === '' || !match || Number(match[1]) > 23 || Number(match[2]) > 59) return '';
  return formatParisTimestamp(parisInstant(day, time));
}

/** The démarche id of a platform address (`…/rdvpref/reservation/demarche/{id}/…`), or null. */
export function demarcheIdOf(pathname: string): string | null {
  return /^\/rdvpref\/reservation\/demarche\/(\d{1,9})(?:\/|$)/.exec(pathname)?.[1] ?? null;
}
