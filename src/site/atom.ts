/**
 * A small Atom 1.0 (RFC 4287) writer: the feed and its entries as XML text.
 * Everything written goes through `escapeXml`, which also drops the characters
 * XML 1.0 cannot carry at all (control characters a scraped page may hold),
 * so that no data can break the document.
 */
import { createHash } from 'node:crypto';
import { escapeXml } from '../lib/xml-text.ts';

export interface AtomEntry {
  /** A permanent IRI, unique in the feed (see `stableId`). */
  id: string;
  title: string;
  /** RFC 3339 instants, from the data. */
  published: string;
  updated: string;
  /** The page the entry is about. */
  link: string;
  /** One-sentence summary, plain text. */
  summary: string;
  /** The entry's body as an HTML fragment (already escaped as HTML; escaped again here as XML). */
  contentHtml: string;
  /** Category terms, e.g. the event kind. */
  categories: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  /** RFC 3339: the latest entry's update, from the data. */
  updated: string;
  /** The feed's own address (rel="self") and the page it follows (rel="alternate"). */
  selfLink: string;
  pageLink: string;
  author: string;
  /** Licence of the content (rel="license"). */
  licenceLink: string;
  entries: AtomEntry[];
}

/**
 * A permanent entry id derived from a stable key only (never the build time
 * or the site's address): a name-based UUID (version 8, RFC 9562) from the
 * SHA-256 of the key, as a `urn:uuid:` IRI.
 */
export function stableId(key: string): string {
  const bytes = createHash('sha256').update(`guichets-fermes\0${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 3339 in UTC to the second, as Atom dates are written. */
export const atomDate = (instant: number) => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');

function entryXml(entry: AtomEntry): string {
  return [
    '  <entry>',
    `    <id>${escapeXml(entry.id)}</id>`,
    `    <title type="text">${escapeXml(entry.title)}</title>`,
    `    <published>${escapeXml(entry.published)}</published>`,
    `    <updated>${escapeXml(entry.updated)}</updated>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
    ...entry.categories.map((term) => `    <category term="${escapeXml(term)}"/>`),
    `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
    `    <content type="html">${escapeXml(entry.contentHtml)}</content>`,
    '  </entry>',
  ].join('\n');
}

/** The whole feed document. */
export function atomXml(feed: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    `  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`,
    `  <updated>${escapeXml(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfLink)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageLink)}"/>`,
    `  <link rel="license" href="${escapeXml(feed.licenceLink)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    '  <generator>Guichets fermés</generator>',
    ...feed.entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
