import { describe, expect, test } from 'vitest';
import { healthAlarm, procedureHealth } from '../../src/lib/probe-health.ts';

const hour = 3_600_000;
const probes = (outcomes: string[]) =>
  outcomes.map((outcome, index) => ({ instant: index * hour, outcome: outcome as 'none' }));

describe('procedure health', () => {
  test.each([
    // [outcomes oldest first, failure streak, last success index]
    [['none', 'slots', 'timeout', 'timeout', 'captcha'], 3, 1],
    [['none', 'none'], 0, 1],
    [['blocked', 'blocked'], 2, null],
    [[], 0, null],
  ])('%j ends with %i failures', (outcomes, streak, lastSuccess) => {
    const health = procedureHealth(probes(outcomes));
    expect(health.failureStreak).toBe(streak);
    expect(health.lastSuccess).toBe(lastSuccess === null ? null : lastSuccess * hour);
  });

  test.each([
    ['a day of captchas', probes(Array(24).fill('captcha')), 24 * hour, '24 failed probes in a row (captcha)'],
    ['a silent robot', probes(['none']), 5 * hour, 'no probe for 5 hours'],
    ['a healthy procedure', probes(['timeout', 'none']), 2 * hour, null],
    ['no probe at all', [], 0, 'never probed'],
  ])('%s', (_name, recent, now, alarm) => {
    expect(healthAlarm(procedureHealth(recent), now)).toBe(alarm);
  });
});
