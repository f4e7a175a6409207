/**
 * Turning what a slot page shows into an observation block: the one function
 * the bookmarklet runs in the volunteer's browser and `npm run observe`
 * runs on a saved page. It reads only the page's own state (`vui-init-data`),
 * the démarche id of its address and the clock: never a form field, a
 * cookie or anything the person typed.
 */
import { formatParisTimestamp } from './calendar.ts';
import { BLOCK_VERSION, type ObservationBlock } from './observation-block.ts';
import { demarcheIdOf, publicationTimestamp, readSlotState } from './rdv-slot-state.ts';

export type Capture = { ok: true; block: ObservationBlock } | { ok: false; reason: string };

/**
 * The observation of a slot page, or why there is none (in French: the
 * bookmarklet shows it). `pathname` is the page's address path,
 * `initDataJson` the text of `script#vui-init-data` (null when absent).
 */
export function captureObservation(pathname: string, initDataJson: string | null, now: Date): Capture {
  const demarche = demarcheIdOf(pathname);
  if (demarche === null || !/\/creneau\/?$/.test(pathname)) {
    return {
      ok: false,
      reason:
        'Cette page n’est pas une page de choix de créneau de RDV-Préfecture (adresse …/rdvpref/reservation/demarche/NUMÉRO/creneau/).',
    };
  }
  const state = readSlotState(initDataJson);
  if (state.kind === 'unrecognized')
    return {
      ok: false,
      reason: `Cette page ne se lit pas comme une page de créneaux de RDV-Préfecture (${state.reason}).`,
    };
  const published = (text: string | null) => (text === null ? '' : publicationTimestamp(text));
  return {
    ok: true,
    block: {
      version: BLOCK_VERSION,
      demarche,
      observed_at: formatParisTimestamp(now),
      outcome: state.kind,
      first_date: state.kind === 'slots' ? state.first.date : '',
      second_date: state.kind === 'slots' ? (state.second?.date ?? '') : '',
      last_publication: published(state.publications.previous),
      next_publication: published(state.publications.next),
    },
  };
}
