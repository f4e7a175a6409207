/**
 * Reading printed PDFs back, page by page, with poppler's pdftotext (Debian
 * package poppler-utils, installed by .ci/run next to Chromium).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The text of each page of a PDF, white space folded to single spaces (page
 * footers wrap differently from one viewer to another).
 */
export function pdfPages(pdf: Buffer): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'guichets-pdf-')), 'page.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .filter((page, index, pages) => index < pages.length - 1 || page.trim() !== '')
    .map((page) => page.replace(/\s+/g, ' '));
}
