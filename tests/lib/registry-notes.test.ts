/**
 * The registry's `note` is shown to the public (the page and feed of a
 * procedure no longer probed), so it must be French: no English note may
 * reach a page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseRegistry } from '../../src/lib/registry.ts';

const REGISTRY_FILE = 'data/procedures.csv';

/** Words an English note cannot do without and a French one never uses. */
const ENGLISH_WORDS = /\b(the|with|from|and|not|seen|by|as|for|of|is|was|this|form|probed|replaced|uncertain|host)\b/i;

const notes = parseRegistry(readFileSync(REGISTRY_FILE, 'utf8'), REGISTRY_FILE)
  .map((procedure) => [procedure.slug, procedure.extra.note ?? ''] as const)
  .filter(([, note]) => note !== '');

describe('the registry’s public notes', () => {
  test('exist, so the check below checks something', () => {
    expect(notes.length).toBeGreaterThan(0);
  });

  test.each(notes)('%s: its note is French', (_slug, note) => {
    expect(note).not.toMatch(ENGLISH_WORDS);
  });

  test.each([
    ['URL with /index.php/, seen in 2025', true],
    ['Not probed: the source reports this form permanently disabled', true],
    ['Adresse avec /index.php/, vue en 2025', false],
    ['Non sondée : selon la source, ce formulaire est définitivement désactivé', false],
  ])('the English check flags « %s »: %s', (note, english) => {
    expect(ENGLISH_WORDS.test(note)).toBe(english);
  });
});
