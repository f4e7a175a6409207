/**
 * What the robot records for a scenario, computed from the scenario alone,
 * without HTTP. `npm start` uses it for the older part of its simulated
 * period, where sending every hour of half a year through the simulator would
 * take minutes; the rows still go through the robot's writer and validation.
 * The end-to-end test checks that the real robot, probing the simulator, writes
 * what this model says, so the two cannot drift apart unnoticed.
 *
 * Only faults whose outcome does not depend on timing or on the retry are
 * modelled; any other throws, rather than guess.
 */
import type { Outcome } from '../../lib/outcome.ts';
import { dayOf, scenarioAt, slotInstants, type Fault, type Scenario, type ScenarioSource } from './scenario.ts';

/** The detail of a modelled row: says plainly that no page was fetched. */
export const MODELLED_DETAIL = 'simulé : ligne calculée par le modèle du scénario, sans requête HTTP';

/** The part of a probe row the scenario decides. */
export interface ModelledProbe {
  outcome: Outcome;
  /** Paris day of the first free slot, or ''. */
  firstDate: string;
  /** Paris day of the second free slot, or ''. */
  secondDate: string;
}

/** The outcome of a fault whose effect is the same at every request. */
function faultOutcome(fault: Fault): Outcome {
  switch (fault.kind) {
    case 'closed':
    case 'maintenance':
      return 'closed';
    case 'overloaded':
      return 'throttled';
    case 'challenge':
      return 'blocked';
    case 'captcha':
      return 'captcha';
    case 'redirect':
      return 'moved';
    case 'session-lost':
      return 'session_lost';
    case 'changed-layout':
      return 'unrecognized';
    case 'status':
      if (fault.times !== undefined || (fault.on ?? 'all') !== 'all') break;
      if (fault.status === 403) return 'blocked';
      if ([429, 502, 503].includes(fault.status)) return 'throttled';
      return 'http_error';
    default:
      break;
  }
  throw new Error(`the scenario model does not cover the fault ${JSON.stringify(fault)}`);
}

/** The probe of a scenario at `now`, for a registry row naming `planning` (or ''). */
function modelProbe(scenario: Scenario, planning: string, now: Date): ModelledProbe {
  const answer = (outcome: Outcome, instants: readonly Date[] = []): ModelledProbe => ({
    outcome,
    firstDate: instants[0] ? dayOf(instants[0]) : '',
    secondDate: instants[1] ? dayOf(instants[1]) : '',
  });
  if (scenario.fault) return answer(faultOutcome(scenario.fault));
  // The robot never passes the captcha of RDV-Préfecture's slot page.
  if (scenario.system === 'rdv-prefecture') return answer('captcha');
  const counter =
    planning === ''
      ? scenario.counters.length === 1
        ? scenario.counters[0]
        : undefined
      : scenario.counters.find((candidate) => candidate.id === planning);
  if (!counter) return answer('unrecognized');
  const instants = slotInstants(counter.slots, now);
  if (instants.length === 0) return answer(counter.calendarWhenEmpty ? 'unrecognized' : 'none');
  return answer('slots', instants);
}

/** The probe of a scenario source (fixed or changing with time) at `now`. */
export function modelProbeAt(source: ScenarioSource, planning: string, now: Date): ModelledProbe {
  return modelProbe(scenarioAt(source, now), planning, now);
}
