import { afterEach, expect, test } from 'vitest';
import { addDays, utcDay } from '../../src/metrics/windows.ts';
import { account, call, daysAgo, memoryStore, metric, ticket, write } from './fixtures.ts';

const original = process.env['TZ'];
afterEach(() => {
  if (original === undefined) delete process.env['TZ'];
  else process.env['TZ'] = original;
});

// Node re-reads TZ when it changes, so local-time methods would move with it; ours must not.
const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kolkata'];

test('UTC days do not depend on the process time zone', () => {
  const lastMsOfDay = Date.UTC(2026, 2, 28, 23, 59, 59, 999);
  // The zones really apply to local time here (else this test would prove nothing).
  const localHours = new Set(ZONES.map((tz) => ((process.env['TZ'] = tz), new Date(lastMsOfDay).getHours())));
  expect(localHours.size).toBe(ZONES.length);
  for (const tz of ZONES) {
    process.env['TZ'] = tz;
    expect(utcDay(lastMsOfDay), tz).toBe('2026-03-28');
    expect(utcDay(lastMsOfDay + 1), tz).toBe('2026-03-29');
    // Across a daylight-saving change in Europe and the US, a day is still a day.
    expect(addDays('2026-03-29', -1), tz).toBe('2026-03-28');
    expect(addDays('2026-11-01', 1), tz).toBe('2026-11-02');
    expect(addDays('2026-03-01', -1), tz).toBe('2026-02-28');
  }
});

test('metric windows give the same answer in every time zone', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [ticket('t1', { createdAt: daysAgo(30), tags: ['escalated'], requesterKey: 'k' }), 'A'],
    [ticket('t2', { createdAt: daysAgo(29), requesterKey: 'k' }), 'A'],
    [call('c1', { startedAt: daysAgo(1), callerKey: 'k' }), 'A'],
  ]);
  const results = [];
  for (const tz of ZONES) {
    process.env['TZ'] = tz;
    const values = [];
    for (const id of ['escalation_rate', 'repeat_contact_rate', 'contacts'] as const)
      values.push((await metric(store, id, 30)).get('A'));
    results.push(values);
  }
  for (const r of results) expect(r).toEqual(results[0]);
  expect(results[0]![0]).toEqual({ value: 0.5, sample: 2 });
});
