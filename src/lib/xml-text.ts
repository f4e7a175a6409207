/**
 * Text made safe for XML content and attributes, in one place for the Atom
 * feeds (at build time) and the letter's .odt (in the browser). Characters XML
 * 1.0 cannot carry (control characters pasted from elsewhere, lone surrogates)
 * are dropped rather than escaped: no escape exists for them, and one left in
 * would make the whole file unreadable.
 */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes `& < > " '` and drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHARACTER, '').replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}
