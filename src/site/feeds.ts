/**
 * The Atom feeds: one per procedure, one per department, one national. Each
 * procedure's events are found once per build from its recent month files
 * (read one at a time) and shared by the three feeds; the department and
 * national feeds sum each closed month into one entry instead of one per
 * procedure. Ids and dates come from the data only (see src/lib/feed-events.ts).
 */
import { addMonths, parisClock, parisInstant } from '../lib/calendar.ts';
import type { Dataset, ProcedureData } from '../lib/dataset.ts';
import { department } from '../lib/departments.ts';
import { detectEvents, type FeedEvent } from '../lib/feed-events.ts';
import { sumStatistics } from '../lib/month-statistics.ts';
import { procedureKey } from '../lib/registry.ts';
import { atomDate, atomXml, stableId, type AtomEntry } from './atom.ts';
import { LICENCE } from './datapackage.ts';
import { monthStore } from './dataset.ts';
import { eventText, monthClosedText } from './feed-entries.ts';
import {
  absoluteUrl,
  departmentFeedPath,
  departmentPath,
  HOME_PATH,
  monthPath,
  NATIONAL_FEED_PATH,
  procedureFeedPath,
  procedurePath,
} from './paths.ts';

/** How many months before the compile month the feeds look at. */
const FEED_MONTHS = 12;
/** The most entries a feed holds (newest first). */
const FEED_ENTRIES = 50;

type FeedDataset = Pick<Dataset, 'dataDir' | 'compiledAt' | 'procedures'>;

const cache = new Map<string, FeedEvent[]>();

/** The events of one procedure over the feed window, computed once per build. */
function procedureEvents(data: ProcedureData, dataset: FeedDataset): FeedEvent[] {
  const cacheKey = `${dataset.dataDir}\0${dataset.compiledAt}\0${procedureKey(data.procedure)}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const compiledDay = dataset.compiledAt === null ? null : parisClock(new Date(dataset.compiledAt)).day;
  const from = compiledDay === null ? '' : addMonths(compiledDay.slice(0, 7), -FEED_MONTHS);
  const months = data.months.filter((statistics) => statistics.month! >= from);
  // Each month's days come from the build's month store: read once per build, cached while the file is unchanged.
  const days = months.flatMap(({ month }) => monthStore().products(dataset.dataDir, data.procedure, month!).days);
  const events = detectEvents({ days, months, until: data.procedure.until, compiledDay });
  cache.set(cacheKey, events);
  return events;
}

/** The page an event points to: the month page of its day or month, or the procedure page. */
function eventPath(data: ProcedureData, event: FeedEvent): string {
  const has = (month: string) => data.months.some((statistics) => statistics.month === month);
  const month =
    event.kind === 'month-closed'
      ? event.month
      : event.kind === 'dates-back' || event.kind === 'dates-gone'
        ? event.day.slice(0, 7)
        : event.kind === 'unmeasured'
          ? event.from.slice(0, 7)
          : null;
  return month && has(month) ? monthPath(data.procedure, month) : procedurePath(data.procedure);
}

/** An entry of a procedure's event; `named` prefixes the title with the procedure (department and national feeds). */
function procedureEntry(data: ProcedureData, event: FeedEvent, site: URL | undefined, named: boolean): AtomEntry {
  const text = eventText(event, data.procedure.extra.note ?? '');
  const name = `${data.procedure.prefecture}, ${data.procedure.procedure}`;
  return {
    id: stableId(`${procedureKey(data.procedure)}/${event.key}`),
    title: named ? `${name}\u00a0— ${text.title}` : text.title,
    published: atomDate(event.published),
    updated: atomDate(event.updated),
    link: absoluteUrl(eventPath(data, event), site),
    summary: named ? `${name}\u00a0: ${text.summary}` : text.summary,
    contentHtml: text.html,
    categories: [event.kind],
  };
}

/** Closed months of several procedures summed into one entry per month. */
function summedMonthEntries(
  procedures: readonly ProcedureData[],
  dataset: FeedDataset,
  scope: string,
  path: string,
  site: URL | undefined,
): AtomEntry[] {
  const byMonth = new Map<string, { published: number; rows: ProcedureData['months'] }>();
  for (const data of procedures) {
    for (const event of procedureEvents(data, dataset)) {
      if (event.kind !== 'month-closed') continue;
      const entry = byMonth.get(event.month) ?? { published: event.published, rows: [] };
      entry.rows.push(event.statistics);
      byMonth.set(event.month, entry);
    }
  }
  return [...byMonth].map(([month, { published, rows }]) => {
    const count = rows.length;
    const text = monthClosedText(month, sumStatistics(rows), `, ${count} démarche${count === 1 ? '' : 's'}`);
    return {
      id: stableId(`${scope}/mois/${month}`),
      title: text.title,
      published: atomDate(published),
      updated: atomDate(published),
      link: absoluteUrl(path, site),
      summary: text.summary,
      contentHtml: text.html,
      categories: ['month-closed'],
    };
  });
}

/** Newest first, ties broken by id so that the order never depends on anything else. */
function newest(entries: AtomEntry[]): AtomEntry[] {
  return entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id)).slice(0, FEED_ENTRIES);
}

/**
 * When a feed without entries last changed: the latest probe of its own
 * procedures (not of the whole dataset, so that a feed whose procedures get no
 * probe keeps its bytes); for procedures never probed, the latest day the
 * registry gives them (retired, or first day probed); else, for a procedure
 * waiting for its first probe, the compile instant.
 */
function quietFeedDate(procedures: readonly Pick<ProcedureData, 'latestProbe' | 'procedure'>[], dataset: FeedDataset) {
  const probed = procedures.flatMap(({ latestProbe }) => (latestProbe === null ? [] : [latestProbe]));
  if (probed.length > 0) return Math.max(...probed);
  const days = procedures.flatMap(({ procedure }) => [procedure.until, procedure.since].filter((day) => day !== ''));
  if (days.length > 0) return parisInstant(days.sort().at(-1)!, '00:00').getTime();
  return dataset.compiledAt ?? 0;
}

function feedXml(
  scope: string,
  title: string,
  subtitle: string,
  selfPath: string,
  pagePath: string,
  entries: AtomEntry[],
  procedures: readonly Pick<ProcedureData, 'latestProbe' | 'procedure'>[],
  dataset: FeedDataset,
  site: URL | undefined,
): string {
  const sorted = newest(entries);
  const updated =
    sorted.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), '') ||
    atomDate(quietFeedDate(procedures, dataset));
  return atomXml({
    id: stableId(`flux/${scope}`),
    title,
    subtitle,
    updated,
    selfLink: absoluteUrl(selfPath, site),
    pageLink: absoluteUrl(pagePath, site),
    author: 'Guichets fermés',
    licenceLink: LICENCE.path,
    entries: sorted,
  });
}

const SUBTITLE =
  'Mois clos et changements d’état (dates proposées à nouveau, deux semaines sans date, journées sans mesure possible, démarche plus sondée), jamais chaque sondage.';

/** The feed of one procedure. */
export function procedureFeed(data: ProcedureData, dataset: FeedDataset, site: URL | undefined): string {
  const entries = procedureEvents(data, dataset).map((event) => procedureEntry(data, event, site, false));
  const title = `Guichets fermés\u00a0— ${data.procedure.procedure}, ${data.procedure.prefecture}`;
  return feedXml(
    procedureKey(data.procedure),
    title,
    SUBTITLE,
    procedureFeedPath(data.procedure),
    procedurePath(data.procedure),
    entries,
    [data],
    dataset,
    site,
  );
}

/** The feed of several procedures: their state changes, and each closed month summed. */
function groupFeed(
  procedures: readonly ProcedureData[],
  dataset: FeedDataset,
  scope: string,
  title: string,
  selfPath: string,
  pagePath: string,
  site: URL | undefined,
): string {
  const changes = procedures.flatMap((data) =>
    procedureEvents(data, dataset)
      .filter((event) => event.kind !== 'month-closed')
      .map((event) => procedureEntry(data, event, site, true)),
  );
  const months = summedMonthEntries(procedures, dataset, scope, pagePath, site);
  return feedXml(scope, title, SUBTITLE, selfPath, pagePath, [...months, ...changes], procedures, dataset, site);
}

/** The feed of a department. */
export function departmentFeed(code: string, dataset: FeedDataset, site: URL | undefined): string {
  const place = department(code);
  const procedures = dataset.procedures.filter((data) => data.procedure.department === code);
  return groupFeed(
    procedures,
    dataset,
    `departement/${code}`,
    `Guichets fermés\u00a0— ${place.name} (${code})`,
    departmentFeedPath(code),
    departmentPath(code),
    site,
  );
}

/** The national feed. */
export function nationalFeed(dataset: FeedDataset, site: URL | undefined): string {
  return groupFeed(
    dataset.procedures,
    dataset,
    'national',
    'Guichets fermés\u00a0— toute la France',
    NATIONAL_FEED_PATH,
    HOME_PATH,
    site,
  );
}

/** What the endpoints answer with (the static host picks its own type from `.atom`). */
export const ATOM_HEADERS = { 'content-type': 'application/atom+xml; charset=utf-8' };
