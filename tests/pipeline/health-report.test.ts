import { expect, inject, test } from 'vitest';
import { healthLines, healthMarkdown } from '../../src/pipeline/health-report.ts';

test('the health report names the procedures that need attention, and why', () => {
  // The fixture's last probes are in March 2018; a report on 1 April 2018 at 02:00 sees them.
  const lines = healthLines(inject('fixtureDataDir'), new Date('2018-04-01T00:00:00Z'));
  expect(lines.map((line) => [line.procedure, line.alarm])).toEqual([
    ['93/titre-sejour-bobigny', null],
    ['95/sarcelles-5260', 'no probe for 734 hours'],
    ['2A/ajaccio-sejour', 'no probe for 615 hours'],
    ['975/spm-sejour', 'never probed'],
    ['69/lyon-premiere-demande', 'no probe for 471 hours'],
  ]);
  const markdown = healthMarkdown(lines);
  // The two procedures no longer probed (`until` passed) are not active: no alarm for them.
  expect(markdown).toContain('4 of 5 active procedures need attention');
  expect(markdown).toContain('| `975/spm-sejour` | never probed | — | — |');
});
