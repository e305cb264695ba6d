import { beforeAll, expect, test } from 'vitest';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { scorecardDigest } from '../../../src/config/mappings/provenance.ts';
import { scoreAccounts } from '../../../src/sync/stages/score-accounts.ts';
import { AccountScore } from '../../../src/score/types.ts';
import type { SqliteStore } from '../../../src/store/open-sqlite.ts';
import { memoryStore, NOW, shippedMappings } from '../../metrics/fixtures.ts';
import { writeScenario } from '../../score/scenario.ts';

let store: SqliteStore;
let mappings: Mappings;

beforeAll(async () => {
  store = memoryStore();
  mappings = shippedMappings();
  await writeScenario(store);
});

test('a healthy account is green with nothing to explain', async () => {
  const s = (await scoreAccounts(store, mappings, NOW)).find((x) => x.accountId === 'HEALTHY')!;
  expect(AccountScore.parse(s)).toEqual(s);
  expect(s).toMatchObject({
    score: 100,
    status: 'green',
    segment: null,
    scorecardVersion: `${mappings.scorecard.version}+${scorecardDigest(mappings.scorecard)}`,
  });
  expect(s.scorecardVersion).toMatch(/^2026\.12-1\+[0-9a-f]{6}$/);
  expect(s.drivers).toEqual([]);
  // Abandoned calls need 10 inbound calls: 12 here.
  expect(s.measures.find((m) => m.id === 'abandoned_calls')).toMatchObject({
    hasData: true,
    value: 0,
    sample: 12,
  });
  expect(s.measures.find((m) => m.id === 'contact_spike')).toMatchObject({
    hasData: true,
    value: 1,
    sample: 96,
  });
});

test('an account in trouble is red, scored by its segment, with the costliest measures first', async () => {
  const s = (await scoreAccounts(store, mappings, NOW)).find((x) => x.accountId === 'TROUBLE')!;
  expect(s.segment).toBe('enterprise');
  expect(s.status).toBe('red');
  expect(s.score).toBe(4.5);
  expect(s.drivers).toHaveLength(mappings.scorecard.drivers);
  expect(s.drivers[0]).toBe('CSAT 20% over 20 ratings (target 90%)');
  expect(s.drivers[1]).toBe('SLA adherence 0% over 20 tickets (target 95%)');
  expect(s.measures.find((m) => m.id === 'open_bugs')?.explanation).toBe(
    // 5 × (1 + 0.02 × 20) + 5 × (1 + 0.02 × 21) + 5 × (1 + 0.02 × 22)
    '3 open Highest bugs, oldest 22 days (weighted 21.3, target 3)',
  );
});

test('an account without facts has insufficient data', async () => {
  const s = (await scoreAccounts(store, mappings, NOW)).find((x) => x.accountId === 'QUIET')!;
  expect(s).toMatchObject({ score: null, status: 'insufficient_data', coverage: 0 });
});

test('scoring one account gives what scoring all gives for it; the same run twice gives the same', async () => {
  const all = await scoreAccounts(store, mappings, NOW);
  for (const id of ['HEALTHY', 'TROUBLE', 'QUIET'])
    expect(await scoreAccounts(store, mappings, NOW, { accountId: id })).toEqual([
      all.find((s) => s.accountId === id),
    ]);
  expect(await scoreAccounts(store, mappings, NOW)).toEqual(all);
  expect(await scoreAccounts(store, mappings, NOW, { accountId: 'missing' })).toEqual([]);
});
