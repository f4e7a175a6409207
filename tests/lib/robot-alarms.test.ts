/**
 * The alarms that need a person soon: the same adapter failure three rounds
 * in a row on a procedure, and, over the whole robot, no round at all or no
 * answer anywhere for 3 hours.
 */
import { describe, expect, test } from 'vitest';
import { adapterFailure, robotAlarm } from '../../src/lib/probe-health.ts';

const hour = 3_600_000;
const probes = (outcomes: string[]) =>
  outcomes.map((outcome, index) => ({ instant: index * hour, outcome: outcome as 'none' }));

describe('adapter failure three rounds in a row', () => {
  test.each([
    [['none', 'moved', 'moved', 'moved'], 'moved'],
    [['unrecognized', 'unrecognized', 'unrecognized'], 'unrecognized'],
    [['none', 'blocked', 'blocked', 'blocked', 'blocked'], 'blocked'],
    [['session_lost', 'session_lost', 'session_lost'], 'session_lost'],
    [['moved', 'moved', 'none'], null],
    [['moved', 'moved'], null],
    [['moved', 'blocked', 'moved'], null],
    [['unrecognized', 'moved', 'moved'], null],
    // Failures of the site, not of the adapter: the day-long failure alarm covers them.
    [['throttled', 'throttled', 'throttled'], null],
    [['captcha', 'captcha', 'captcha'], null],
    [[], null],
  ])('%j → %s', (outcomes, kind) => {
    expect(adapterFailure(probes(outcomes))).toBe(kind);
  });

  test('reads the latest probes whatever the order given', () => {
    expect(adapterFailure(probes(['moved', 'moved', 'moved', 'none']).reverse())).toBeNull();
  });
});

describe('robot-wide alarm', () => {
  const now = 100 * hour;
  test.each([
    ['a round an hour ago that answered', now - hour, now - hour, null],
    ['no round for 4 hours', now - 4 * hour, now - 4 * hour, 'silent'],
    ['never any round', null, null, 'silent'],
    ['rounds run but nothing answered for 5 hours', now - hour, now - 5 * hour, 'no-success'],
    ['rounds run but nothing ever answered', now - hour, null, 'no-success'],
    ['exactly 3 hours is still alive', now - 3 * hour, now - 3 * hour, null],
  ])('%s', (_name, lastProbe, lastSuccess, kind) => {
    expect(robotAlarm(lastProbe, lastSuccess, now)?.kind ?? null).toBe(kind);
  });

  test('says how long the robot has been silent', () => {
    expect(robotAlarm(now - 7 * hour, now - 7 * hour, now)?.message).toBe(
      'no probe round recorded for 7 hours (scheduled runs late, dropped or failing)',
    );
  });
});
