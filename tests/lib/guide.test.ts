import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { guideSchema } from '../../src/lib/guide.ts';

const valid = {
  title: 'Les trois référés',
  summary: 'Ce que chaque référé permet de demander.',
  updated: new Date('2026-11-26'),
  order: 2,
  sources: [{ label: 'CE, 10 juin 2020, n° 435594', url: 'https://www.infomie.net/article5991.html?lang=fr' }],
};

describe('guide front matter', () => {
  test('a complete guide is accepted', () => {
    expect(guideSchema.safeParse(valid).success).toBe(true);
  });

  test.each([
    ['without sources', { ...valid, sources: [] }],
    ['with no sources key', { ...valid, sources: undefined }],
    ['without its update date', { ...valid, updated: undefined }],
    ['with an impossible date', { ...valid, updated: 'bientôt' }],
    ['with a source that is not a web address', { ...valid, sources: [{ label: 'x', url: 'voir le code' }] }],
    ['without a title', { ...valid, title: ' ' }],
  ])('a guide %s is refused', (_name, guide) => {
    expect(guideSchema.safeParse(guide).success).toBe(false);
  });
});

describe('the published guides', () => {
  const directory = new URL('../../src/content/guides/', import.meta.url);
  const legalReferences = (() => {
    try {
      return readFileSync(new URL('../../../shared/domain/legal-references.md', import.meta.url), 'utf8');
    } catch {
      return null;
    }
  })();
  const guides = readdirSync(directory).filter((name) => name.endsWith('.mdx'));

  test('there are nine guides', () => {
    expect(guides).toHaveLength(9);
  });

  test.each(guides)('%s cites only decision numbers known from the legal reference', (name) => {
    const text = readFileSync(new URL(name, directory), 'utf8');
    const numbers = [...text.matchAll(/n°\s*(\d[\d-]*|[A-Z0-9-]{6,})/g)].map((match) => match[1]!);
    if (legalReferences === null) return; // the reference lives beside the repository, not in it
    for (const number of numbers) expect(legalReferences, `${name} cites n° ${number}`).toContain(number);
  });
});
