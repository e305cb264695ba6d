import { describe, expect, test } from 'vitest';
import { DAY_MS } from '../../src/metrics/windows.ts';
import { NOW, account, call, daysAgo, memoryStore, metric, ticket, write } from './fixtures.ts';

test('contacts: tickets by creation plus calls by start', async () => {
  const store = memoryStore();
  await write(store, [
    account('A'),
    [ticket('t1', { createdAt: daysAgo(1) }), 'A'],
    [ticket('t2', { createdAt: daysAgo(29) }), 'A'],
    [ticket('t-old', { createdAt: daysAgo(31) }), 'A'],
    [call('c1', { startedAt: daysAgo(30) }), 'A'],
    [call('c-out', { startedAt: daysAgo(2), direction: 'outbound' }), 'A'],
  ]);
  expect((await metric(store, 'contacts', 30)).get('A')).toEqual({ value: 4, sample: 4 });
});

describe('contact spike', () => {
  test('window contacts ÷ (baseline contacts × window / 90); the sample is the baseline', async () => {
    const store = memoryStore();
    const items: Parameters<typeof write>[1] = [account('A')];
    // 9 contacts in the 90 days before the 30-day window: 3 expected in 30 days.
    for (let i = 0; i < 6; i++) items.push([ticket(`b${i}`, { createdAt: daysAgo(31 + i * 10) }), 'A']);
    for (let i = 0; i < 3; i++) items.push([call(`bc${i}`, { startedAt: daysAgo(45 + i) }), 'A']);
    // 6 in the window: twice the normal.
    for (let i = 0; i < 4; i++) items.push([ticket(`w${i}`, { createdAt: daysAgo(1 + i) }), 'A']);
    for (let i = 0; i < 2; i++) items.push([call(`wc${i}`, { startedAt: daysAgo(5 + i) }), 'A']);
    // Before the baseline: ignored.
    items.push([ticket('ancient', { createdAt: daysAgo(121) }), 'A']);
    await write(store, items);
    expect((await metric(store, 'contact_spike', 30)).get('A')).toEqual({
      value: 2,
      sample: 9,
      detail: { current: 6, baseline: 9 },
    });
  });

  test('the window start belongs to the window, not the baseline; the baseline starts 90 days before it', async () => {
    const store = memoryStore();
    const start = NOW - 30 * DAY_MS;
    await write(store, [
      account('A'),
      [ticket('at-start', { createdAt: start }), 'A'],
      [ticket('just-before', { createdAt: start - 1 }), 'A'],
      [ticket('baseline-start', { createdAt: start - 90 * DAY_MS }), 'A'],
      [ticket('too-old', { createdAt: start - 90 * DAY_MS - 1 }), 'A'],
    ]);
    const v = (await metric(store, 'contact_spike', 30)).get('A')!;
    expect(v.detail).toEqual({ current: 1, baseline: 2 });
    expect(v.value).toBeCloseTo(1 / (2 / 3), 12);
  });

  test('no baseline: no value, sample 0', async () => {
    const store = memoryStore();
    await write(store, [account('A'), [ticket('w', { createdAt: daysAgo(1) }), 'A']]);
    expect((await metric(store, 'contact_spike', 30)).get('A')).toEqual({
      value: null,
      sample: 0,
      detail: { current: 1, baseline: 0 },
    });
  });
});

describe('repeat contacts', () => {
  test('a contact preceded by one from the same person within 7 days, across tickets and calls', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      [ticket('t1', { requesterKey: 'k1', createdAt: daysAgo(10) }), 'A'],
      // the same key arrives by phone 5 days later: a repeat
      [call('c1', { callerKey: 'k1', startedAt: daysAgo(5) }), 'A'],
      // another person, once
      [ticket('t2', { requesterKey: 'k2', createdAt: daysAgo(3) }), 'A'],
      // no key: cannot be judged, left out
      [ticket('t3', { requesterKey: null, createdAt: daysAgo(3) }), 'A'],
      [call('c2', { callerKey: null, startedAt: daysAgo(3) }), 'A'],
    ]);
    expect((await metric(store, 'repeat_contact_rate', 30)).get('A')).toEqual({ value: 1 / 3, sample: 3 });
  });

  test('exactly 7 days apart is a repeat, a millisecond more is not', async () => {
    const store = memoryStore();
    const t = daysAgo(20);
    await write(store, [
      account('A'),
      [ticket('a1', { requesterKey: 'a', createdAt: t }), 'A'],
      [ticket('a2', { requesterKey: 'a', createdAt: t + 7 * DAY_MS }), 'A'],
      [ticket('b1', { requesterKey: 'b', createdAt: t }), 'A'],
      [ticket('b2', { requesterKey: 'b', createdAt: t + 7 * DAY_MS + 1 }), 'A'],
    ]);
    expect((await metric(store, 'repeat_contact_rate', 30)).get('A')).toEqual({ value: 1 / 4, sample: 4 });
  });

  test('the earlier contact may lie before the window; it does not count itself', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      [ticket('before', { requesterKey: 'k', createdAt: daysAgo(33) }), 'A'],
      [ticket('inside', { requesterKey: 'k', createdAt: daysAgo(28) }), 'A'],
    ]);
    expect((await metric(store, 'repeat_contact_rate', 30)).get('A')).toEqual({ value: 1, sample: 1 });
  });

  test('the same person contacting two accounts is not a repeat for either', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      account('B'),
      [ticket('x1', { requesterKey: 'k', createdAt: daysAgo(3) }), 'A'],
      [ticket('x2', { requesterKey: 'k', createdAt: daysAgo(2) }), 'B'],
    ]);
    const m = await metric(store, 'repeat_contact_rate', 30);
    expect(m.get('A')).toEqual({ value: 0, sample: 1 });
    expect(m.get('B')).toEqual({ value: 0, sample: 1 });
  });

  test('two contacts at the same instant: one of them is the repeat', async () => {
    const store = memoryStore();
    const t = daysAgo(2);
    await write(store, [
      account('A'),
      [ticket('t', { requesterKey: 'k', createdAt: t }), 'A'],
      [call('c', { callerKey: 'k', startedAt: t }), 'A'],
    ]);
    expect((await metric(store, 'repeat_contact_rate', 30)).get('A')).toEqual({ value: 0.5, sample: 2 });
  });

  test('by person: a second ticket from the same requester repeats, another requester does not, a ticket updated again stays one contact', async () => {
    const store = memoryStore();
    await write(store, [
      account('A'),
      [ticket('same-1', { requesterKey: 'ann', createdAt: daysAgo(12), updatedAt: daysAgo(12) }), 'A'],
      [ticket('same-2', { requesterKey: 'ann', createdAt: daysAgo(9), updatedAt: daysAgo(9) }), 'A'],
      [ticket('other', { requesterKey: 'bob', createdAt: daysAgo(10), updatedAt: daysAgo(10) }), 'A'],
    ]);
    // Bob's ticket gets replies and is reopened twice in the following days: its own updates, not contacts.
    for (const d of [8, 6, 4])
      await write(store, [
        [
          ticket('other', { requesterKey: 'bob', createdAt: daysAgo(10), updatedAt: daysAgo(d), reopens: 1 }),
          'A',
        ],
      ]);
    expect((await metric(store, 'repeat_contact_rate', 30)).get('A')).toEqual({ value: 1 / 3, sample: 3 });
  });

  test('params.within_days moves the edge: exactly N days is a repeat, a millisecond more is not', async () => {
    const store = memoryStore();
    const t = daysAgo(20);
    await write(store, [
      account('A'),
      [ticket('a1', { requesterKey: 'a', createdAt: t }), 'A'],
      [ticket('a2', { requesterKey: 'a', createdAt: t + 3 * DAY_MS }), 'A'],
      [ticket('b1', { requesterKey: 'b', createdAt: t }), 'A'],
      [ticket('b2', { requesterKey: 'b', createdAt: t + 3 * DAY_MS + 1 }), 'A'],
    ]);
    const within3 = await metric(store, 'repeat_contact_rate', 30, { params: { within_days: 3 } });
    expect(within3.get('A')).toEqual({ value: 1 / 4, sample: 4 });
    // The default week takes both.
    expect((await metric(store, 'repeat_contact_rate', 30)).get('A')).toEqual({ value: 2 / 4, sample: 4 });
  });

  test("calls from the account's own main number name no person; the same direct line twice does", async () => {
    const store = memoryStore();
    await write(store, [
      account('A', { phoneKey: 'switchboard' }),
      account('B'),
      // Everyone at A calls through the switchboard: no person, so neither sample nor repeat.
      [call('s1', { callerKey: 'switchboard', startedAt: daysAgo(6) }), 'A'],
      [call('s2', { callerKey: 'switchboard', startedAt: daysAgo(5) }), 'A'],
      [call('s3', { callerKey: 'switchboard', startedAt: daysAgo(4) }), 'A'],
      [call('d1', { callerKey: 'direct', startedAt: daysAgo(3) }), 'A'],
      [call('d2', { callerKey: 'direct', startedAt: daysAgo(2) }), 'A'],
      // For an account without that number, the same key is an ordinary caller.
      [call('x1', { callerKey: 'switchboard', startedAt: daysAgo(3) }), 'B'],
      [call('x2', { callerKey: 'switchboard', startedAt: daysAgo(2) }), 'B'],
    ]);
    const m = await metric(store, 'repeat_contact_rate', 30);
    expect(m.get('A')).toEqual({ value: 1 / 2, sample: 2 });
    expect(m.get('B')).toEqual({ value: 1 / 2, sample: 2 });
    // One account's query gives the same.
    const one = await metric(store, 'repeat_contact_rate', 30, { accountId: 'A' });
    expect(one.get('A')).toEqual({ value: 1 / 2, sample: 2 });
  });

  test('a within_days that is not a positive number is refused', () => {
    const store = memoryStore();
    expect(() => metric(store, 'repeat_contact_rate', 30, { params: { within_days: 'week' } })).toThrow(
      /within_days/,
    );
  });
});
