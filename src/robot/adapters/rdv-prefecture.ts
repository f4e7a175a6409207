/**
 * Adapter of RDV-Préfecture, the national platform. It opens the procedure's
 * page and follows it to the terms page (`cgu/`), where a CaptchEtat captcha
 * guards every new session: the probe records `captcha` there. The robot
 * never solves, bypasses or outsources a captcha. Should a site ever show the
 * slot page without one, the page is read with the slot-page parser.
 */
import { shortDetail } from '../page-text.ts';
import { parisDay } from '../../lib/calendar.ts';
import { ProbeFailure } from '../probe-failure.ts';
import type { FetchedPage } from '../http-client.ts';
import type { Adapter, AdapterResult } from './adapter.ts';
import { movedToAnotherHost, openFollowing, sameSite, type RedirectJudge } from './navigation.ts';
import { classifyRdvPage, parseDemarcheAddress, parseSlotPage, type Publications } from './rdv-prefecture-pages.ts';

const MAX_PAGES = 4;

export const probeRdvPrefecture: Adapter = async ({ procedure, session, startedAt }) => {
  const address = parseDemarcheAddress(procedure.url);
  if (!address)
    throw new ProbeFailure('unrecognized', 'the registry URL is not a /rdvpref/reservation/demarche/{id} address');
  const judge = demarcheRedirectJudge(address.origin, address.demarcheId);
  let page = await openFollowing(session, () => session.get(procedure.url), judge);
  let openedTerms = false;
  for (let count = 0; count < MAX_PAGES; count += 1) {
    const view = classifyRdvPage(page.text, address.demarcheId);
    switch (view.kind) {
      case 'blocked':
        throw new ProbeFailure('blocked', 'anti-bot challenge page', page);
      case 'closed':
        throw new ProbeFailure('closed', shortDetail(`the page says "${view.notice}"`), page);
      case 'captcha':
        throw new ProbeFailure(
          'captcha',
          'CaptchEtat captcha required to reach the slots; the robot does not solve captchas',
          page,
        );
      case 'unrecognized':
        throw new ProbeFailure('unrecognized', shortDetail(view.reason), page);
      case 'slot-page':
        return readSlotPage(page, parisDay(startedAt));
      case 'landing':
        if (openedTerms) throw new ProbeFailure('unrecognized', 'the terms page leads back to the landing page', page);
        openedTerms = true;
        page = await openFollowing(session, () => session.get(`${address.base}cgu/`), judge);
        break;
    }
  }
  throw new ProbeFailure('unrecognized', `no result after ${MAX_PAGES} pages`, page);
};

/**
 * Within this demarche's pages redirects are followed, except from the slot
 * page back to the terms (the session expired: `session_lost`); another
 * demarche, another page of the site or another host mean `moved`.
 */
function demarcheRedirectJudge(origin: string, demarcheId: string): RedirectJudge {
  const site = new URL(origin);
  const ownPath = new RegExp(`^/rdvpref/reservation/demarche/${demarcheId}(?:/|$)`);
  return (redirect, target) => {
    if (!sameSite(site, target)) return movedToAnotherHost(redirect, target);
    if (!ownPath.test(target.pathname))
      return new ProbeFailure('moved', shortDetail(`redirected to another page: ${target.pathname}`), redirect);
    if (/\/creneau\/?$/.test(new URL(redirect.url).pathname) && /\/cgu\/?$/.test(target.pathname)) {
      return new ProbeFailure(
        'session_lost',
        'the slot page sent back to the terms and captcha (session expired)',
        redirect,
      );
    }
    return null;
  };
}

/** The outcome of a slot page; slots before the probe day are not offers and make the page unreadable. */
export function readSlotPage(page: FetchedPage, probeDay: string): AdapterResult {
  const slotPage = parseSlotPage(page.text);
  if (slotPage.kind === 'unrecognized') throw new ProbeFailure('unrecognized', shortDetail(slotPage.reason), page);
  if (slotPage.kind === 'none') {
    return {
      outcome: 'none',
      firstDate: '',
      secondDate: '',
      detail: shortDetail(`no slot (datePremiereDispo empty)${publicationText(slotPage.publications)}`),
      evidence: [page],
      decisive: page,
    };
  }
  const { first, second } = slotPage;
  if (first.date < probeDay)
    throw new ProbeFailure('unrecognized', `slot page offers ${first.date}, before the probe day`, page);
  const slotText = (slot: { date: string; time: string }) => `${slot.date}${slot.time ? ` ${slot.time}` : ''}`;
  const detail = `first slot ${slotText(first)}${second ? `, second ${slotText(second)}` : ''}${slotPage.note ? `; ${slotPage.note}` : ''}${publicationText(slotPage.publications)}`;
  return {
    outcome: 'slots',
    firstDate: first.date,
    secondDate: second?.date ?? '',
    detail: shortDetail(detail),
    evidence: [page],
    decisive: page,
  };
}

/** "; published 04/05/2026 11:58, next 11/05/2026 11:58": explains sudden availability. */
function publicationText(publications: Publications): string {
  const parts = [
    publications.previous ? `published ${publications.previous}` : '',
    publications.next ? `next ${publications.next}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}
