/**
 * Following redirects by hand. The HTTP client never follows them, because a
 * redirect is information: to another host or an unrelated page it means the
 * procedure `moved`, and each adapter says which targets stay within its flow.
 */
import type { FetchedPage, ProbeSession } from '../http-client.ts';
import { shortDetail } from '../page-text.ts';
import { ProbeFailure } from '../probe-failure.ts';

/** Decides a redirect: null to follow it, or the failure it means. */
export type RedirectJudge = (redirect: FetchedPage, target: URL) => ProbeFailure | null;

const MAX_REDIRECTS = 5;

/** Sends the first request, then follows the redirects the judge accepts, with GET. */
export async function openFollowing(
  session: ProbeSession,
  first: () => Promise<FetchedPage>,
  judge: RedirectJudge,
): Promise<FetchedPage> {
  let page = await first();
  for (let count = 0; page.status >= 300 && page.status < 400; count += 1) {
    if (count >= MAX_REDIRECTS) throw new ProbeFailure('http_error', `more than ${MAX_REDIRECTS} redirects`, page);
    if (!page.location) throw new ProbeFailure('http_error', `HTTP ${page.status} without a Location`, page);
    let target: URL;
    try {
      target = new URL(page.location);
    } catch {
      throw new ProbeFailure('moved', shortDetail(`redirected to an unreadable address: ${page.location}`), page);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new ProbeFailure('moved', shortDetail(`redirected to ${target.protocol} address`), page);
    }
    const failure = judge(page, target);
    if (failure) throw failure;
    page = await session.get(target.toString());
  }
  return page;
}

/** The failure of a redirect that leaves the site: `moved`, naming where to. */
export function movedToAnotherHost(redirect: FetchedPage, target: URL): ProbeFailure {
  return new ProbeFailure(
    'moved',
    shortDetail(`redirected to another host: ${target.host}${target.pathname}`),
    redirect,
  );
}

/** Same host name and port; an upgrade from http to https on the default ports counts as the same site. */
export function sameSite(from: URL, to: URL): boolean {
  return from.hostname === to.hostname && from.port === to.port;
}
