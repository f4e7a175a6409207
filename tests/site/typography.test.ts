/**
 * French typography on every page the fixture site builds: no breaking space
 * before ; : ? ! or », none after «, and « d’avril », never « de avril ».
 * Scripts, styles, code and attribute values are not running text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, inject, test } from 'vitest';
import { frenchSpacing, innerQuotes } from '../../src/lib/french-typography.ts';
import { frenchHtml } from '../../src/site/french-html.ts';

const show = (text: string) => text.replace(/\u00a0/g, '⍽').replace(/\u202f/g, '·');

describe('French spacing of running text', () => {
  test.each([
    ['Objet : demande', 'Objet⍽: demande'],
    ['Pourquoi ? Parce que ; enfin !', 'Pourquoi·? Parce que·; enfin·!'],
    ['part « noir »', 'part «·noir·»'],
    ['part «noir»', 'part «·noir·»'],
    ['71,4 %', '71,4⍽%'],
    ['https://example.fr/a:b', 'https://example.fr/a:b'],
    ['à 23:20', 'à 23:20'],
    ['Objet⍽: déjà juste', 'Objet⍽: déjà juste'],
  ])('%j becomes %j', (text, expected) => {
    expect(show(frenchSpacing(text.replace(/⍽/g, '\u00a0')))).toBe(expected);
  });

  test('a quotation inside a quotation takes “ ”', () => {
    expect(innerQuotes('guichet « salarié »')).toBe('guichet “salarié”');
    expect(show(frenchSpacing('la démarche « AES (guichet « salarié ») » de Paris'))).toBe(
      'la démarche «·AES (guichet “salarié”)·» de Paris',
    );
  });

  test.each([
    ['<p>Objet : x</p>', '<p>Objet⍽: x</p>'],
    ['<p><strong>Objet</strong> : x</p>', '<p><strong>Objet</strong>⍽: x</p>'],
    ['<a title="a : b" href="/x?y=1">Lien !</a>', '<a title="a : b" href="/x?y=1">Lien·!</a>'],
    [
      '<script>if (a ? b : c) {}</script><style>a :hover {}</style>',
      '<script>if (a ? b : c) {}</script><style>a :hover {}</style>',
    ],
    ['<code>a ; b</code> et ; c', '<code>a ; b</code> et·; c'],
    ['<!-- a : b --><p>ok</p>', '<!-- a : b --><p>ok</p>'],
  ])('in HTML, only the text changes: %s', (html, expected) => {
    expect(show(frenchHtml(html))).toBe(expected);
  });
});

/** Every HTML page of the built fixture site, as a path relative to its root. */
function htmlPages(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort();
}

const siteDir = inject('fixtureSiteDir');
const pages = htmlPages(siteDir);

describe('French typography on every built page', () => {
  test('the fixture site has pages to check', () => {
    expect(pages.length).toBeGreaterThan(30);
  });

  test.each(pages)('%s', (page) => {
    const $ = load(readFileSync(path.join(siteDir, page), 'utf8'));
    $('script, style, textarea, code, pre').remove();
    const text = $('html').text();
    const problems = [
      ...[...text.matchAll(/.{0,30}[ \t\r\n][;:?!»].{0,10}/g)].map(
        ([match]) => `breaking space before punctuation: “${match.trim()}”`,
      ),
      ...[...text.matchAll(/.{0,10}«[ \t\r\n].{0,30}/g)].map(([match]) => `breaking space after «: “${match.trim()}”`),
      ...[...text.matchAll(/\bde (avril|août|octobre)\b/gi)].map(([match]) => `no elision: “${match}”`),
      ...[...text.matchAll(/«[^»]*«/g)].map(([match]) => `nested guillemets: “${match.slice(0, 60)}”`),
    ];
    expect(problems.map(show)).toEqual([]);
  });
});
