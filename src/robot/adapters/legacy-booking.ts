/**
 * Adapter of the legacy booking module (`…/booking/create/{formId}/{step}`,
 * also under `/index.php/`). It walks the flow as a person does (session
 * cookie, conditions, counter, redirects), classifies each page by content,
 * and on the calendar step reads the weekly planning fragments forward until
 * two free slots are found. It never chooses, holds or books a slot: it only
 * reads the planning links, it never opens them.
 */
import type { FetchedPage } from '../http-client.ts';
import { shortDetail } from '../page-text.ts';
import { addDays, daysBetween, mondayOf, parisDay, parisMinute } from '../../lib/calendar.ts';
import { ProbeFailure } from '../probe-failure.ts';
import type { Adapter, AdapterResult, ProbeContext } from './adapter.ts';
import {
  classifyLegacyPage,
  parseBookingAddress,
  parsePlanningWeek,
  planningWeekUrl,
  type BookingAddress,
  type Counter,
} from './legacy-booking-pages.ts';
import { movedToAnotherHost, openFollowing, sameSite, type RedirectJudge } from './navigation.ts';

/** Most pages in one flow before the adapter gives up (conditions, counter, extra step, result, with margin). */
const MAX_PAGES = 8;

/** Value of the button that submits a counter or an intermediate step. */
const NEXT_STEP = 'Etape suivante';

export const probeLegacyBooking: Adapter = async (context) => {
  const { procedure, session } = context;
  const address = parseBookingAddress(procedure.url);
  if (!address) throw new ProbeFailure('unrecognized', 'the registry URL is not a /booking/create/{formId} address');
  const judge = bookingRedirectJudge(address);
  let page = await openFollowing(session, () => session.get(procedure.url), judge);
  const submitted = new Set<'conditions' | 'counters' | 'next-step'>();
  let counter: Counter | null = null;
  for (let count = 0; count < MAX_PAGES; count += 1) {
    const view = classifyLegacyPage(page.text, address.formId);
    switch (view.kind) {
      case 'blocked':
        throw new ProbeFailure('blocked', 'anti-bot challenge page', page);
      case 'closed':
        throw new ProbeFailure('closed', shortDetail(`the page says "${view.notice}"`), page);
      case 'overloaded':
        throw new ProbeFailure('throttled', 'the page says "Service surchargé"', page);
      case 'captcha':
        throw new ProbeFailure(
          'captcha',
          'a captcha is asked before the slots; the robot does not solve captchas',
          page,
        );
      case 'session-expired':
        throw new ProbeFailure('session_lost', shortDetail(`the page says "${view.notice}"`), page);
      case 'unrecognized':
        throw new ProbeFailure('unrecognized', shortDetail(view.reason), page);
      case 'no-slot':
        return {
          outcome: 'none',
          firstDate: '',
          secondDate: '',
          detail: shortDetail(`${counter ? `counter ${counter.id}: ` : ''}${view.message}`),
          evidence: [page],
          decisive: page,
        };
      case 'calendar': {
        const planningId = counter?.id || procedure.planning || view.planningId;
        if (!planningId)
          throw new ProbeFailure(
            'unrecognized',
            'calendar step without a counter id (set planning in the registry)',
            page,
          );
        return readPlanning(context, address, page, planningId, counter);
      }
      case 'conditions':
        if (submitted.has('conditions'))
          throw new ProbeFailure('session_lost', 'sent back to the conditions after accepting them', page);
        submitted.add('conditions');
        page = await submit(context, judge, page, view.action, { condition: 'on', nextButton: view.button });
        break;
      case 'counters':
        if (submitted.has('counters'))
          throw new ProbeFailure('session_lost', 'asked to choose the counter again', page);
        submitted.add('counters');
        counter = chooseCounter(view.counters, procedure.planning, page);
        page = await submit(context, judge, page, view.action, { planning: counter.id, nextButton: NEXT_STEP });
        break;
      case 'next-step':
        if (submitted.has('next-step'))
          throw new ProbeFailure('unrecognized', 'the flow repeats an intermediate step', page);
        submitted.add('next-step');
        page = await submit(context, judge, page, view.action, { nextButton: NEXT_STEP });
        break;
    }
  }
  throw new ProbeFailure('unrecognized', `no result after ${MAX_PAGES} pages`, page);
};

/**
 * Redirects within the booking flow of this form (under any path prefix) are
 * followed; to another host or to an unrelated page they mean `moved`.
 */
function bookingRedirectJudge(address: BookingAddress): RedirectJudge {
  const origin = new URL(address.origin);
  const prefix = address.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const flowPath = new RegExp(`^(?:${prefix}|/index\\.php)?/booking/create/${address.formId}(?:/|$)`);
  return (redirect, target) => {
    if (!sameSite(origin, target)) return movedToAnotherHost(redirect, target);
    if (!flowPath.test(target.pathname)) {
      return new ProbeFailure('moved', shortDetail(`redirected to an unrelated page: ${target.pathname}`), redirect);
    }
    return null;
  };
}

/** POSTs a form of the flow to its action (or to the page itself) and follows the redirect. */
async function submit(
  context: ProbeContext,
  judge: RedirectJudge,
  page: FetchedPage,
  action: string | null,
  form: Record<string, string>,
): Promise<FetchedPage> {
  const target = new URL(action ?? page.url, page.url);
  const failure = judge(page, target);
  if (failure)
    throw new ProbeFailure(
      'unrecognized',
      shortDetail(`the form posts to an unexpected address: ${target.pathname}`),
      page,
    );
  return openFollowing(context.session, () => context.session.post(target.toString(), form), judge);
}

/**
 * The registry's counter when it names one, else the only counter offered.
 * Anything else is a question for a person, not a guess: `unrecognized`.
 */
function chooseCounter(counters: readonly Counter[], planning: string, page: FetchedPage): Counter {
  const offered = counters.map((counter) => `${counter.id} (${counter.label})`).join(', ');
  if (planning) {
    const chosen = counters.find((counter) => counter.id === planning);
    if (!chosen)
      throw new ProbeFailure(
        'unrecognized',
        shortDetail(`counter ${planning} is not offered; offered: ${offered}`),
        page,
      );
    return chosen;
  }
  if (counters.length === 1) return counters[0]!;
  throw new ProbeFailure(
    'unrecognized',
    shortDetail(`${counters.length} counters offered and the registry names none: ${offered}`),
    page,
  );
}

/**
 * Reads the planning weeks forward from the current week, up to maxWeeks,
 * until two free slots are found. When the endpoint's day zero lies in the
 * past (73k05/comed-back keeps one per department), the first week's header
 * tells how far to jump to reach the current week.
 */
async function readPlanning(
  context: ProbeContext,
  address: BookingAddress,
  calendar: FetchedPage,
  planningId: string,
  counter: Counter | null,
): Promise<AdapterResult> {
  const { session, startedAt, maxWeeks } = context;
  const today = parisDay(startedAt);
  const weeks: FetchedPage[] = [];
  const found: { timestamp: number; page: FetchedPage }[] = [];
  const judge: RedirectJudge = (redirect, target) =>
    sameSite(new URL(address.origin), target)
      ? new ProbeFailure(
          'unrecognized',
          shortDetail(`the planning endpoint redirected to ${target.pathname}`),
          redirect,
          [calendar],
        )
      : movedToAnotherHost(redirect, target);
  let offset = 0;
  let resynchronised = false;
  while (weeks.length < maxWeeks && found.length < 2) {
    const url = planningWeekUrl(address.origin, address.prefix, address.formId, planningId, offset);
    const page = await withContext(() => openFollowing(session, () => session.get(url), judge), [calendar, ...weeks]);
    const week = parsePlanningWeek(page.text, address.formId);
    if (!week)
      throw new ProbeFailure('unrecognized', `planning week at day offset ${offset} is not readable`, page, [
        calendar,
        ...weeks,
      ]);
    if (!resynchronised && weeks.length === 0 && week.weekStart !== null && addDays(week.weekStart, 6) < today) {
      resynchronised = true;
      offset += daysBetween(week.weekStart, mondayOf(today));
      continue;
    }
    weeks.push(page);
    const offered = week.slots.filter((timestamp) => timestamp * 1000 >= startedAt.getTime());
    for (const timestamp of offered) found.push({ timestamp, page });
    offset += 7;
  }
  found.sort((a, b) => a.timestamp - b.timestamp);
  const counterText = counter ? `counter ${counter.id} (${counter.label})` : `counter ${planningId}`;
  const [first, second] = found;
  if (!first) {
    throw new ProbeFailure(
      'unrecognized',
      shortDetail(`calendar step reached but no free slot in ${weeks.length} planning weeks (${counterText})`),
      weeks.at(-1) ?? calendar,
      [calendar, ...weeks.slice(0, -1)],
    );
  }
  const slotText = (timestamp: number) => {
    const instant = new Date(timestamp * 1000);
    return `${parisDay(instant)} ${parisMinute(instant)}`;
  };
  return {
    outcome: 'slots',
    firstDate: parisDay(new Date(first.timestamp * 1000)),
    secondDate: second ? parisDay(new Date(second.timestamp * 1000)) : '',
    detail: shortDetail(
      `${counterText}: first slot ${slotText(first.timestamp)}${second ? `, second ${slotText(second.timestamp)}` : ', no second slot'} (${weeks.length} weeks read)`,
    ),
    evidence: [calendar, ...weeks],
    decisive: first.page,
  };
}

/** Adds the pages read so far to a failure, so that its evidence shows the whole walk. */
async function withContext<T>(task: () => Promise<T>, context: FetchedPage[]): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof ProbeFailure && error.context.length === 0)
      throw new ProbeFailure(error.outcome, error.detail, error.page, context);
    throw error;
  }
}
