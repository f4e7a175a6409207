/** A part of a split evidence record for tests: its asset name, its counts added up from `pages` per procedure. */
import type { EvidencePart } from '../../src/lib/evidence-record.ts';

export function evidencePart(
  month: string,
  n: number,
  count: number,
  pages: Record<string, number>,
  bytes: number,
): EvidencePart {
  const total = Object.values(pages).reduce((sum, pagesOfOne) => sum + pagesOfOne, 0);
  return {
    asset: `evidence-${month}.part${n}-of-${count}.tar`,
    bytes,
    sha256: String(n).repeat(64),
    probes: total,
    pages: total,
    pages_by_procedure: pages,
  };
}
