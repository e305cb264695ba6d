import { expect, it } from 'vitest';
import type { AccountBrowseQuery } from '../../../src/store/account-browse.ts';
import type { AccountFact } from '../../../src/facts/schemas.ts';
import type { AccountScore } from '../../../src/score/types.ts';
import { accountFact } from '../../support/facts.ts';
import { score } from '../../writeback/fixtures.ts';
import { describeStoreContract } from './stores.ts';

// Names that tell SQLite's folding (ASCII letters only, to lower case: '_' sorts before letters) from
// a locale's or Unicode's; owners that differ by case only; ties on every sort key; NULLs.
const ACCOUNTS: [string, Partial<AccountFact>, Partial<AccountScore> | undefined][] = [
  [
    'A1',
    { name: 'acme', tier: 'Enterprise', ownerId: 'o1' },
    { score: 100, status: 'green', trend7d: 5, trend30d: null, drivers: [] },
  ],
  [
    'A2',
    { name: 'ACME', tier: 'enterprise', ownerId: 'o2' },
    { score: 9.9, status: 'red', trend7d: -3, trend30d: 1.25, drivers: ['x first', 'y'] },
  ],
  ['A3', { name: 'Zeta_corp', tier: null, ownerId: null }, undefined],
  [
    'A4',
    { name: 'Éclair', tier: 'SMB', ownerId: 'o1' },
    { score: null, status: 'insufficient_data', trend7d: null, trend30d: null },
  ],
  [
    'A5',
    { name: 'éclabousse 50% off', tier: 'SMB', ownerId: 'o2' },
    { score: 10, status: 'yellow', trend7d: 5, trend30d: -4.5 },
  ],
  [
    'A6',
    { name: 'banana', tier: 'Mid', ownerId: 'o1' },
    { score: 71.5, status: 'yellow', trend7d: -2, trend30d: -4.5 },
  ],
  [
    'A7',
    { name: '_under', tier: 'mid', ownerId: 'O1' },
    { score: 79.99, status: 'green', trend7d: 0, trend30d: 2 },
  ],
  [
    'A8',
    { name: 'Zulu', tier: null, ownerId: 'o3' },
    { score: 0, status: 'red', trend7d: -10, trend30d: -20 },
  ],
];

const ALL_COUNTS = { green: 2, yellow: 2, red: 2, insufficient_data: 1, unscored: 1 };
// 100 falls in the last bin; a NULL score in none.
const ALL_HISTOGRAM = [2, 1, 0, 0, 0, 0, 0, 2, 0, 1];

describeStoreContract('store contract: account browse', (ctx) => {
  const store = () => ctx().store;
  const seed = async () => {
    await store().facts.commitPage(
      's',
      { upserts: ACCOUNTS.map(([id, over]) => accountFact(id, over)), deletes: [] },
      { value: null, fingerprint: 'f' },
    );
    await store().scores.save(
      ACCOUNTS.flatMap(([id, , sc]) => (sc ? [score(id, sc)] : [])),
      '2026-11-23',
    );
  };
  const browse = (q: Partial<AccountBrowseQuery>) =>
    store().accountBrowse.browse({ sort: 'name', order: 'asc', limit: 50, offset: 0, ...q });
  const ids = async (q: Partial<AccountBrowseQuery>) => (await browse(q)).items.map((r) => r.accountId);

  it('sorts each column both ways: ASCII case folded, NULLs last, ties by id in the same direction', async () => {
    await seed();
    expect(await ids({ sort: 'name' })).toEqual(['A7', 'A1', 'A2', 'A6', 'A3', 'A8', 'A4', 'A5']);
    expect(await ids({ sort: 'name', order: 'desc' })).toEqual([
      'A5',
      'A4',
      'A8',
      'A3',
      'A6',
      'A2',
      'A1',
      'A7',
    ]);
    expect(await ids({ sort: 'score' })).toEqual(['A8', 'A2', 'A5', 'A6', 'A7', 'A1', 'A3', 'A4']);
    expect(await ids({ sort: 'score', order: 'desc' })).toEqual([
      'A1',
      'A7',
      'A6',
      'A5',
      'A2',
      'A8',
      'A4',
      'A3',
    ]);
    expect(await ids({ sort: 'trend7d' })).toEqual(['A8', 'A2', 'A6', 'A7', 'A1', 'A5', 'A3', 'A4']);
    expect(await ids({ sort: 'trend7d', order: 'desc' })).toEqual([
      'A5',
      'A1',
      'A7',
      'A6',
      'A2',
      'A8',
      'A4',
      'A3',
    ]);
    expect(await ids({ sort: 'trend30d' })).toEqual(['A8', 'A5', 'A6', 'A2', 'A7', 'A1', 'A3', 'A4']);
    expect(await ids({ sort: 'trend30d', order: 'desc' })).toEqual([
      'A7',
      'A2',
      'A6',
      'A5',
      'A8',
      'A4',
      'A3',
      'A1',
    ]);
    expect(await ids({ sort: 'tier' })).toEqual(['A1', 'A2', 'A6', 'A7', 'A4', 'A5', 'A3', 'A8']);
    expect(await ids({ sort: 'tier', order: 'desc' })).toEqual([
      'A5',
      'A4',
      'A7',
      'A6',
      'A2',
      'A1',
      'A8',
      'A3',
    ]);
    expect(await ids({ sort: 'owner' })).toEqual(['A7', 'A1', 'A4', 'A6', 'A2', 'A5', 'A8', 'A3']);
    expect(await ids({ sort: 'owner', order: 'desc' })).toEqual([
      'A8',
      'A5',
      'A2',
      'A6',
      'A4',
      'A1',
      'A7',
      'A3',
    ]);
  });

  it('returns each row’s fields: unscored and insufficient_data rows without score, trends or driver', async () => {
    await seed();
    const page = await browse({ sort: 'name', limit: 3, offset: 1 });
    expect(page.items).toEqual([
      {
        accountId: 'A1',
        name: 'acme',
        tier: 'Enterprise',
        ownerId: 'o1',
        score: 100,
        status: 'green',
        trend7d: 5,
        trend30d: null,
        topDriver: null,
      },
      {
        accountId: 'A2',
        name: 'ACME',
        tier: 'enterprise',
        ownerId: 'o2',
        score: 9.9,
        status: 'red',
        trend7d: -3,
        trend30d: 1.25,
        topDriver: 'x first',
      },
      {
        accountId: 'A6',
        name: 'banana',
        tier: 'Mid',
        ownerId: 'o1',
        score: 71.5,
        status: 'yellow',
        trend7d: -2,
        trend30d: -4.5,
        topDriver: 'CSAT 71% over 38 ratings (target 90%)',
      },
    ]);
    expect((await browse({ statuses: ['unscored', 'insufficient_data'] })).items).toEqual([
      {
        accountId: 'A3',
        name: 'Zeta_corp',
        tier: null,
        ownerId: null,
        score: null,
        status: 'unscored',
        trend7d: null,
        trend30d: null,
        topDriver: null,
      },
      {
        accountId: 'A4',
        name: 'Éclair',
        tier: 'SMB',
        ownerId: 'o1',
        score: null,
        status: 'insufficient_data',
        trend7d: null,
        trend30d: null,
        topDriver: 'CSAT 71% over 38 ratings (target 90%)',
      },
    ]);
  });

  it('pages a slice of every match; a page past the end is empty but still counts', async () => {
    await seed();
    const page = await browse({ sort: 'name', limit: 3, offset: 2 });
    expect(page.items.map((r) => r.accountId)).toEqual(['A2', 'A6', 'A3']);
    expect(page).toMatchObject({ total: 8, counts: ALL_COUNTS, histogram: ALL_HISTOGRAM });
    expect(await browse({ offset: 100 })).toEqual({
      total: 8,
      items: [],
      counts: ALL_COUNTS,
      histogram: ALL_HISTOGRAM,
    });
    expect(await ids({ sort: 'score', order: 'desc', limit: 2, offset: 6 })).toEqual(['A4', 'A3']);
  });

  it('filters by status for the page and total; counts and histogram span all statuses', async () => {
    await seed();
    const page = await browse({ statuses: ['green', 'red'], sort: 'score' });
    expect(page.items.map((r) => r.accountId)).toEqual(['A8', 'A2', 'A7', 'A1']);
    expect(page).toMatchObject({ total: 4, counts: ALL_COUNTS, histogram: ALL_HISTOGRAM });
    expect((await browse({ statuses: [] })).total).toBe(8);
  });

  it('searches names for a literal part, folding ASCII letters only', async () => {
    await seed();
    expect(await ids({ search: 'ACME' })).toEqual(['A1', 'A2']);
    expect(await ids({ search: 'CLAI' })).toEqual(['A4']);
    // 'é' is not 'É' for SQLite's LIKE.
    expect(await ids({ search: 'é' })).toEqual(['A5']);
    expect(await ids({ search: '_' })).toEqual(['A7', 'A3']);
    expect(await ids({ search: '%' })).toEqual(['A5']);
    expect(await ids({ search: '\\' })).toEqual([]);
    expect(await ids({ search: '' })).toHaveLength(8);
    const page = await browse({ search: 'a', statuses: ['yellow'] });
    expect(page.items.map((r) => r.accountId)).toEqual(['A6', 'A5']);
    expect(page).toMatchObject({
      total: 2,
      counts: { green: 1, yellow: 2, red: 1, insufficient_data: 1, unscored: 1 },
      histogram: [1, 1, 0, 0, 0, 0, 0, 1, 0, 1],
    });
  });

  it('filters by tier and owner exactly (case counts), with counts over those filters', async () => {
    await seed();
    expect(await ids({ tier: 'SMB' })).toEqual(['A4', 'A5']);
    expect(await ids({ tier: 'mid' })).toEqual(['A7']);
    expect(await ids({ owner: 'o1' })).toEqual(['A1', 'A6', 'A4']);
    const page = await browse({ owner: 'o1', tier: 'SMB' });
    expect(page).toEqual({
      total: 1,
      items: [expect.objectContaining({ accountId: 'A4' })],
      counts: { green: 0, yellow: 0, red: 0, insufficient_data: 1, unscored: 0 },
      histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(await browse({ owner: 'nobody' })).toEqual({
      total: 0,
      items: [],
      counts: { green: 0, yellow: 0, red: 0, insufficient_data: 0, unscored: 0 },
      histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
  });
});
