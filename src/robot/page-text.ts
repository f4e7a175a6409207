/**
 * Text helpers for reading prefecture pages and writing short details. Pages
 * are untrusted input: they are matched only after normalisation (apostrophe
 * variants, non-breaking spaces, accents, case), and nothing of them reaches
 * the CSV except a short one-line detail.
 */
import { MAX_DETAIL_LENGTH } from '../lib/probe.ts';

/** Typographic apostrophes and look-alikes that sites use instead of `'`. */
const APOSTROPHES = /[\u2019\u2018\u02bc\u00b4\u0060\u2032\u02b9\u275c]/g;

/**
 * Invisible format characters a page may slip into its text: zero-width
 * spaces and joiners, the byte-order mark, soft hyphens, and the bidirectional
 * controls that reorder what a reader sees (the "Trojan Source" characters).
 */
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Text as a person reads it: one space between words, straight apostrophes,
 * no invisible characters, Unicode-composed. Case and accents are kept (for
 * details quoting the page).
 */
export function readableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(/[\s\u00a0\u202f\u2007]+/g, ' ')
    .trim();
}

/**
 * Text reduced for matching: readable, lower case and without accents, so that
 * "Réessayer", "reessayer" and "RÉESSAYER" compare equal.
 */
export function matchableText(text: string): string {
  return readableText(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A detail fit for the data: one line, no control characters (C0, DEL, C1),
 * no invisible or bidirectional format characters, no lone surrogate, at most
 * MAX_DETAIL_LENGTH characters (cut with an ellipsis). Every detail the robot
 * stores goes through it, whatever the page put in its text.
 */
export function shortDetail(text: string): string {
  const line = readableText(text.replace(/\p{Cc}/gu, ' ').toWellFormed());
  if (line.length <= MAX_DETAIL_LENGTH) return line;
  // Cut between characters, never inside a surrogate pair.
  const cut = line.slice(0, MAX_DETAIL_LENGTH - 1).replace(/[\ud800-\udbff]$/, '');
  return `${cut.trimEnd()}…`;
}
