import { beforeEach, expect, it } from 'vitest';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import type { Fact, TicketFact } from '../../../src/facts/schemas.ts';
import type { ScoreSummary } from '../../../src/score/types.ts';
import type { PageWrite, Store } from '../../../src/store/store.ts';
import { DirtyAccounts } from '../../../src/sync/dirty-accounts.ts';
import { forgetRescoreState, takeRescoreState } from '../../../src/sync/stages/rescore-state.ts';
import { scoreStage } from '../../../src/sync/stages/score.ts';
import { saveScores, scoreAccounts } from '../../../src/sync/stages/score-accounts.ts';
import { DAY_MS, utcDay } from '../../../src/metrics/windows.ts';
import { buildWritePlan } from '../../../src/writeback/plan.ts';
import type { WrittenValue } from '../../../src/writeback/types.ts';
import { accountId } from '../../connectors/salesforce/fake-org.ts';
import { shippedSalesforceMapping } from '../../connectors/salesforce/helpers.ts';
import { HOUR, NOW, account, daysAgo, shippedMappings, ticket, write } from '../../metrics/fixtures.ts';
import { describeStoreContract } from '../../store/contract/stores.ts';

const ACCOUNTS = [1, 2, 3, 4, 5, 6].map((i) => accountId(i));
// Every clock is pinned: two instants in the hour after NOW (12:00 UTC), one in the next hour, one the next day.
const T1 = NOW + 10 * 60_000;
const T2 = NOW + 40 * 60_000;
const NEXT_HOUR = NOW + 70 * 60_000;
const NEXT_DAY = NOW + 24 * HOUR + 5 * 60_000;

/** Tickets of a month that differ by account: some solved late, some rated badly, some open. */
function ticketsOf(n: number): [TicketFact, string][] {
  const out: [TicketFact, string][] = [];
  for (let i = 0; i < 12 + n * 3; i++) {
    const createdAt = daysAgo(1 + (i % 28), NOW) - HOUR;
    const solved = i % (n + 1) !== 0;
    out.push([
      ticket(`a${n}-t${i}`, {
        createdAt,
        updatedAt: createdAt + HOUR,
        status: solved ? 'solved' : 'open',
        solvedAt: solved ? createdAt + HOUR * (1 + (i % n) * 10) : null,
        requesterKey: `a${n}-person-${i % 5}`,
        firstReplyMinutes: 10 * n,
        fullResolutionMinutes: solved ? 60 * (1 + (i % n) * 10) : null,
        replies: 1,
        reopens: 0,
        tags: i % (7 - n) === 0 ? ['escalated'] : [],
        satisfaction: i % n === 0 ? 'bad' : 'good',
      }),
      ACCOUNTS[n - 1]!,
    ]);
  }
  return out;
}

/** What a run does around the score stage: forget the state, store the page through the tracker, score. */
async function run(
  store: Store,
  mappings: Mappings,
  now: number,
  change?: (tracked: Store) => Promise<void>,
  forced?: string,
) {
  const dirty = new DirtyAccounts();
  const state = await takeRescoreState(store.meta);
  if (change) await change(dirty.track(store));
  return scoreStage(store, mappings, now, false, {
    dirty: dirty.ids,
    state,
    forced: forced ?? dirty.overflow,
  });
}

const page = (upserts: Fact[], links: PageWrite['links'] = undefined): PageWrite => ({
  upserts,
  deletes: [],
  ...(links ? { links } : {}),
});
const commit = (store: Store, p: PageWrite) =>
  store.facts.commitPage('test', p, { value: null, fingerprint: 'test' });

/** Saved scores and today's snapshots, without the instant they were computed at. */
async function saved(store: Store, now: number) {
  const latest = [...(await store.scores.latestAll()).values()].map(({ computedAt: _, ...s }) => s);
  return { latest, snapshots: await store.scores.snapshotsOn([utcDay(now)]) };
}

const withoutTime = (scores: ScoreSummary[]) => scores.map(({ computedAt: _, ...s }) => s);

/** The write plan after `confirmed` (the first run's writes, as Salesforce confirmed them). */
function plan(scores: ScoreSummary[], confirmed: Map<string, Record<string, WrittenValue>>) {
  return buildWritePlan({
    scores,
    accounts: new Set(ACCOUNTS),
    mapping: shippedSalesforceMapping(),
    confirmed,
  });
}

// On both stores: the per-account metric queries of a few dirty accounts must equal the grouped ones.
describeStoreContract('incremental rescoring', (ctx) => {
  let store: Store;
  let mappings: Mappings;
  let firstWrites: Map<string, Record<string, WrittenValue>>;

  beforeEach(async () => {
    store = ctx().store;
    mappings = shippedMappings();
    await write(store, [...ACCOUNTS.map((id) => account(id)), ...[1, 2, 3, 4, 5, 6].flatMap(ticketsOf)]);
    const first = await run(store, mappings, T1);
    expect(first.rescored).toEqual({ accounts: 6, of: 6, reason: 'all: no previous scores' });
    // The accounts differ, so a score reused in place of another account's would show.
    expect(new Set(first.scores.map((s) => s.score)).size).toBeGreaterThan(2);
    firstWrites = new Map(plan(first.scores, new Map()).updates.map((u) => [u.accountId, { ...u.fields }]));
  });

  it('a run with nothing changed in the same hour rescores no account, and keeps what a full rescore would save and write', async () => {
    // The same facts stored again (a source's overlap) change nothing.
    const again = ticketsOf(3);
    const second = await run(store, mappings, T2, (tracked) =>
      commit(
        tracked,
        page(
          again.map(([t]) => t),
          again.map(([t, to]) => ({ entity: 'ticket', entityId: t.id, accountId: to, rule: 'test' })),
        ),
      ),
    );
    expect(second.rescored).toEqual({ accounts: 0, of: 6, reason: 'changed facts', changed: 0, crossed: 0 });
    const kept = await saved(store, T2);

    const full = await run(store, mappings, T2, undefined, 'test: every account');
    expect(full.rescored).toEqual({ accounts: 6, of: 6, reason: 'all: test: every account' });
    expect(withoutTime(second.scores)).toEqual(withoutTime(full.scores));
    expect(kept).toEqual(await saved(store, T2));
    expect(plan(second.scores, firstWrites)).toEqual(plan(full.scores, firstWrites));
    expect(plan(second.scores, firstWrites).updates).toEqual([]);
  });

  it('a score saved outside a run, of an earlier instant, is not reused: its account is scored again', async () => {
    const [older] = await scoreAccounts(store, mappings, NOW - 7 * DAY_MS, { accountId: ACCOUNTS[2]! });
    await saveScores(store, [older!], NOW - 7 * DAY_MS);
    const second = await run(store, mappings, T2);
    expect(second.rescored).toEqual({ accounts: 1, of: 6, reason: 'changed facts', changed: 1, crossed: 0 });
    expect((await store.scores.latest(ACCOUNTS[2]!))?.computedAt).toBe(T2);
  });

  it('one changed ticket rescores exactly its account, to the score a full rescore gives', async () => {
    const [changed, to] = ticketsOf(4)[1]!;
    const second = await run(store, mappings, T2, (tracked) =>
      commit(
        tracked,
        page([{ ...changed, satisfaction: 'bad', tags: ['escalated'], updatedAt: T2 - 60_000 }]),
      ),
    );
    expect(second.rescored).toEqual({ accounts: 1, of: 6, reason: 'changed facts', changed: 1, crossed: 0 });
    const before = await saved(store, T2);
    const full = await run(store, mappings, T2, undefined, 'test: every account');
    expect(withoutTime(second.scores)).toEqual(withoutTime(full.scores));
    expect(before).toEqual(await saved(store, T2));
    // The change moved that account's score, and only it is written.
    expect(plan(second.scores, firstWrites).updates.map((u) => u.accountId)).toEqual([to]);
  });

  it('reads no saved score when the caller needs none and nothing is rescored in the same hour; in a new hour it always does', async () => {
    // No ticket at all: no window boundary can name an account, so the new hour rescores none.
    const tickets = [1, 2, 3, 4, 5, 6]
      .flatMap(ticketsOf)
      .map(([t]) => ({ kind: 'ticket' as const, id: t.id }));
    await store.facts.commitPage(
      'test',
      { upserts: [], deletes: tickets },
      { value: null, fingerprint: 'test' },
    );
    await run(store, mappings, T2, undefined, 'test: every account');
    const quiet = async (now: number) =>
      scoreStage(store, mappings, now, false, {
        dirty: new Set(),
        state: await takeRescoreState(store.meta),
        summaries: false,
      });
    const same = await quiet(T2);
    expect(same).toMatchObject({ scores: [], unchanged: true, rescored: { accounts: 0 } });
    // A new hour moves the alert signals' windows: the write stage gets every summary.
    const later = await quiet(NEXT_HOUR);
    expect(later.rescored).toMatchObject({ accounts: 0, crossed: 0 });
    expect(later.unchanged).toBeUndefined();
    expect(later.scores).toHaveLength(6);
  });

  it('a ticket moved to another account rescores both', async () => {
    const [moved, from] = ticketsOf(2)[0]!;
    const second = await run(store, mappings, T2, (tracked) =>
      commit(
        tracked,
        page([moved], [{ entity: 'ticket', entityId: moved.id, accountId: ACCOUNTS[4]!, rule: 'test' }]),
      ),
    );
    expect(second.rescored.accounts).toBe(2);
    const full = await run(store, mappings, T2, undefined, 'test: every account');
    expect(withoutTime(second.scores)).toEqual(withoutTime(full.scores));
    expect(from).not.toBe(ACCOUNTS[4]);
  });

  it('a new hour rescores the accounts with a fact at a boundary its windows passed, to the scores a full rescore gives', async () => {
    // Account 2's ticket was solved a minute into the hour 90 days before T1: a new hour drops it from
    // the 90-day CSAT window.
    const [first] = ticketsOf(2);
    const edge = {
      ...first![0],
      id: 'edge',
      solvedAt: NOW - 90 * DAY_MS + 60_000,
      satisfaction: 'bad' as const,
    };
    await write(store, [[edge, ACCOUNTS[1]!]]);
    await run(store, mappings, T2, undefined, 'test: every account');
    const csat = async () =>
      (await store.scores.latest(ACCOUNTS[1]!))!.measures.find((m) => m.id === 'csat')!;
    const rated = (await csat()).sample;
    const later = await run(store, mappings, NEXT_HOUR);
    expect(later.rescored).toMatchObject({
      of: 6,
      reason: 'changed facts, and windows a new hour moved',
      changed: 0,
    });
    expect(later.rescored.crossed).toBeGreaterThanOrEqual(1);
    expect(later.rescored.accounts).toBe(later.rescored.crossed);
    const moved = later.scores.find((s) => s.accountId === ACCOUNTS[1])!;
    expect(moved.computedAt).toBe(NEXT_HOUR);
    const full = await run(store, mappings, NEXT_HOUR, undefined, 'test: every account');
    expect(withoutTime(later.scores)).toEqual(withoutTime(full.scores));
    // The edge ticket's rating left the CSAT window.
    expect((await csat()).sample).toBe(rated - 1);
  });

  it('a new UTC day, a configuration change or a new account rescore every account', async () => {
    expect((await run(store, mappings, NEXT_DAY)).rescored.reason).toBe('all: new UTC day');
    const csat = mappings.scorecard.measures.find((m) => m.id === 'csat')!;
    const reweighted: Mappings = {
      ...mappings,
      scorecard: {
        ...mappings.scorecard,
        measures: mappings.scorecard.measures.map((m) => (m === csat ? { ...m, weight: m.weight * 3 } : m)),
      },
    };
    const changed = await run(store, reweighted, NEXT_DAY);
    expect(changed.rescored).toEqual({ accounts: 6, of: 6, reason: 'all: scoring configuration changed' });
    expect((await run(store, reweighted, NEXT_DAY)).rescored.accounts).toBe(0);
    const added = await run(store, reweighted, NEXT_DAY, (tracked) =>
      commit(tracked, page([account(accountId(7))])),
    );
    expect(added.rescored).toEqual({ accounts: 7, of: 7, reason: 'all: accounts added or removed' });
  });

  it('a run that stored facts and saved no scores leaves the next one to rescore every account', async () => {
    await forgetRescoreState(store.meta);
    expect((await run(store, mappings, T2)).rescored.reason).toBe(
      'all: no scoring state (first run, or the last one did not save scores)',
    );
  });
});
