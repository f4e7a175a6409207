/**
 * The last line of defence: whatever an adapter does, a failure never becomes
 * `none`, and a row that the foundation would reject is recorded as a failure.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { parseRegistry } from '../../src/lib/registry.ts';
import type { Adapter } from '../../src/robot/adapters/adapter.ts';
import { ADAPTERS } from '../../src/robot/adapters/index.ts';
import { HttpClient } from '../../src/robot/http-client.ts';
import { ProbeFailure } from '../../src/robot/probe-failure.ts';
import { runProbe } from '../../src/robot/probe-runner.ts';
import { PROBE_TIME } from './support/round-fixture.ts';

const [procedure] = parseRegistry(
  'department,slug,prefecture,procedure,system,url\n93,bobigny,P,Q,legacy-booking,http://127.0.0.1:1/booking/create/1\n',
  'procedures.csv',
);
const original = ADAPTERS['legacy-booking'];
afterEach(() => {
  ADAPTERS['legacy-booking'] = original;
});

async function probeWith(adapter: Adapter) {
  ADAPTERS['legacy-booking'] = adapter;
  const client = new HttpClient({ userAgent: 'test', timeoutMs: 1_000, intervalMs: 0 });
  try {
    return (await runProbe(procedure!, client, PROBE_TIME)).row;
  } finally {
    await client.close();
  }
}

const page = {
  method: 'GET' as const,
  url: 'http://x/',
  status: 200,
  location: null,
  contentType: 'text/html',
  headers: {},
  bytes: Buffer.from('x'),
  text: 'x',
  sha256: 'f'.repeat(64),
  fetchedAt: PROBE_TIME,
  cutAtLimit: false,
};

describe('runProbe', () => {
  test.each([
    [
      'a bug in an adapter',
      async () => Promise.reject(new TypeError('cannot read properties of undefined')),
      'unrecognized',
      'robot error: cannot read properties of undefined',
    ],
    [
      'a thrown failure keeps its code',
      async () => Promise.reject(new ProbeFailure('session_lost', 'sent back to the conditions')),
      'session_lost',
      'sent back to the conditions',
    ],
    [
      'a slot before the probe day',
      async () => ({
        outcome: 'slots' as const,
        firstDate: '2026-05-17',
        secondDate: '',
        detail: 'stale page',
        evidence: [page],
        decisive: page,
      }),
      'unrecognized',
      'invalid result (first_date 2026-05-17 is before the probe day 2026-05-18): stale page',
    ],
    [
      'slots without a date',
      async () => ({
        outcome: 'slots' as const,
        firstDate: '',
        secondDate: '',
        detail: '',
        evidence: [page],
        decisive: page,
      }),
      'unrecognized',
      'invalid result (outcome "slots" without first_date):',
    ],
  ])('%s', async (_, adapter, outcome, detail) => {
    const row = await probeWith(adapter as Adapter);
    expect({ outcome: row.outcome, detail: row.detail, first: row.first_date }).toEqual({ outcome, detail, first: '' });
  });

  test('a long multi-line detail is cut to one short line', async () => {
    const row = await probeWith(async () =>
      Promise.reject(new ProbeFailure('unrecognized', `line one\nline two ${'x'.repeat(500)}`)),
    );
    expect(row.detail).toMatch(/^line one line two x+…$/);
    expect(row.detail.length).toBe(200);
  });

  test.each([
    [
      'a none',
      async () => ({
        outcome: 'none' as const,
        firstDate: '',
        secondDate: '',
        detail: 'counter 1: Il n\u0000existe plus\u202e de plage\u0007',
        evidence: [page],
        decisive: page,
      }),
    ],
    ['a failure', async () => Promise.reject(new ProbeFailure('closed', 'the page says "\u001b[31mfermé\u200b\r\n"'))],
  ])('the stored detail of %s has no control or invisible character', async (_, adapter) => {
    const row = await probeWith(adapter as Adapter);
    expect(row.detail).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  test('the probe time is the start instant, in Paris time with its offset', async () => {
    const row = await probeWith(async () => ({
      outcome: 'none',
      firstDate: '',
      secondDate: '',
      detail: 'none',
      evidence: [page],
      decisive: page,
    }));
    expect(row).toMatchObject({
      probed_at: '2026-05-18T10:00:00+02:00',
      outcome: 'none',
      extra: { evidence_sha256: 'f'.repeat(64) },
    });
  });

  test('an option given as undefined keeps its default', () => {
    const client = new HttpClient({
      userAgent: 'test',
      timeoutMs: 1_000,
      intervalMs: 0,
      sleep: undefined as never,
      clock: undefined as never,
    });
    expect(typeof client.options.sleep).toBe('function');
    expect(typeof client.options.clock).toBe('function');
    void client.close();
  });
});
