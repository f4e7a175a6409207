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
 * Text as a person reads it: one space between words, straight apostrophes,
 * Unicode-composed. Case and accents are kept (for details quoting the page).
 */
export function readableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(APOSTROPHES, "'")
    .replace(/[\s\u00a0\u202f\u2007]+/g, ' ')
    .trim();
}

/**
 * Text reduced for matching: readable, lower case and without accents, so that
 * "Réessayer", "reessayer" and "RÉESSAYER" compare equal.
 */
export function matchableText(text: string): string {
  return readableText(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/**
 * A detail fit for the data: one line, no control characters, at most
 * MAX_DETAIL_LENGTH characters (cut with an ellipsis).
 */
export function shortDetail(text: string): string {
  const line = readableText(text.replace(/\p{Cc}/gu, ' '));
  return line.length <= MAX_DETAIL_LENGTH ? line : `${line.slice(0, MAX_DETAIL_LENGTH - 1).trimEnd()}…`;
}
