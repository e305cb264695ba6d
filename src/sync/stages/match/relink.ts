import { createHash } from 'node:crypto';
import type { AccountsMapping } from '../../../config/mappings/accounts.ts';
import type { Store } from '../../../store/store.ts';
import { type AccountIndex, buildAccountIndex } from '../../../match/account-index.ts';
import { LinkWriter } from './link-writer.ts';
import { type PassContext, fullPass, incrementalPass } from './relink-passes.ts';
import {
  type MatchStats,
  type UnlinkedBreakdown,
  breakdownOf,
  emptyMatchStats,
  unlinkedBreakdown,
} from '../../../match/stats.ts';
import { summarizeStoredLinks } from './stored-links.ts';
import { unlinkedFacts } from './unlinked.ts';

const STATE_KEY = 'match.state';

export interface RelinkOptions {
  /**
   * Match only what changed since the last relink: nothing when the accounts, organizations and
   * rules are the same and no fact was queued; the queued facts when only facts changed, and also
   * the changed organizations' tickets when organizations changed too; everything when the accounts'
   * keys or the rules changed (a new account can claim any fact), or when the queue was suspended
   * (a stream re-read everything).
   */
  onlyChanged?: boolean;
  /** Changed facts per transaction. */
  batchSize?: number;
  /** Above this many queued facts an incremental relink does a full pass instead (it is faster). */
  fullPassAbove?: number;
  now?: () => number;
}

interface MatchState {
  digest?: string;
  /** `keysDigest` after that relink: equal now, only organizations can have changed a match. */
  keys?: string;
  /** Each organization's digested keys after that relink (`AccountIndex.organizationKeys`). */
  organizations?: Record<string, string>;
  /** The unlinked facts' breakdown after that relink: a skipped relink changes none of it. */
  unlinked?: UnlinkedBreakdown;
  /** Every count after that relink: a skipped one reuses them while the facts' totals are the same. */
  entities?: MatchStats['entities'];
}

async function previousState(store: Store): Promise<MatchState> {
  try {
    return JSON.parse((await store.meta.get(STATE_KEY)) ?? '{}') as MatchState;
  } catch {
    return {}; // unreadable state: the next relink is a full one
  }
}

/** Equal digests: the same facts match the same accounts by the same rules. */
export function matchStateDigest(index: AccountIndex, rules: AccountsMapping['rules']): string {
  return withRules(index.digest, rules);
}

/** The digest of everything but the organizations: the accounts' keys and the rules. */
const keysDigest = (index: AccountIndex, rules: AccountsMapping['rules']): string =>
  withRules(index.accountsDigest, rules);

function withRules(digest: string, rules: AccountsMapping['rules']): string {
  return createHash('sha256').update(digest).update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

/** Organizations added, removed or with other keys since `before`. */
function changedOrganizations(before: Record<string, string>, now: ReadonlyMap<string, string>): string[] {
  const changed = [...now].filter(([id, keys]) => before[id] !== keys).map(([id]) => id);
  for (const id of Object.keys(before)) if (!now.has(id)) changed.push(id);
  return changed;
}

/**
 * Recomputes the account links of facts and writes only the differences, a few thousand per
 * transaction: a re-mapped organization re-attributes its tickets, a newly synced account picks up
 * facts that matched nothing before, and a deleted account loses its links. Returns the counts for
 * the run record; unmatched facts are counted, never dropped.
 */
export async function relinkAccounts(
  store: Store,
  mappings: { accounts: AccountsMapping },
  options: RelinkOptions = {},
): Promise<MatchStats> {
  const now = options.now ?? Date.now;
  const started = now();
  const index = buildAccountIndex({
    accounts: await store.accounts.list(),
    organizations: await Array.fromAsync(store.facts.iterate('organization')),
  });
  const rules = mappings.accounts.rules;
  const digest = matchStateDigest(index, rules);
  const stats = emptyMatchStats(digest);
  const previous = await previousState(store);
  const sameIndex = previous.digest === digest;
  const keys = keysDigest(index, rules);
  // Same accounts and rules: a ticket's match can have changed only if its organization did.
  const organizations =
    sameIndex || previous.keys !== keys || !previous.organizations
      ? []
      : changedOrganizations(previous.organizations, index.organizationKeys);
  const organizationTickets = organizations.length
    ? await store.facts.ticketIdsOfOrganizations(organizations)
    : [];
  // Read the queue only this far: facts queued while the relink runs stay for the next one.
  const head = await store.matchQueue.head();

  const suspended = await store.matchQueue.suspended();
  if (
    !options.onlyChanged ||
    !(sameIndex || organizations.length > 0) ||
    suspended ||
    (await store.matchQueue.count()) + organizationTickets.length > (options.fullPassAbove ?? 100_000)
  )
    stats.mode = 'full';
  else stats.mode = head === 0 && organizations.length === 0 ? 'skipped' : 'incremental';

  const ctx: PassContext = {
    store,
    index,
    rules,
    writer: new LinkWriter(store, options.batchSize ?? 5000),
    stats,
  };
  if (stats.mode === 'full') await store.links.bulkLoad(() => fullPass(ctx));
  else if (stats.mode === 'incremental')
    await incrementalPass(ctx, head, { organization: organizations, ticket: organizationTickets });
  // Report what is unlinked now, not only what this relink saw: matching the unlinked facts again
  // costs about 0.7 s of CPU per 100,000 of them, so a skipped relink reuses the last breakdown, and
  // counting the links by rule (0.75 s on M) the last counts too, unless a fact was deleted since.
  if (stats.mode === 'skipped' && previous.entities && (await sameTotals(store, previous.entities)))
    stats.entities = previous.entities;
  else if (stats.mode === 'skipped' && previous.unlinked)
    await summarizeStoredLinks(store, stats, previous.unlinked);
  else if (stats.mode !== 'full') {
    // The scan that finds the unlinked facts to break down counts them as well.
    const unlinked = unlinkedFacts(store, index, rules);
    await summarizeStoredLinks(store, stats, await unlinkedBreakdown(unlinked.chunks), unlinked.rows);
  }

  await store.transaction(async () => {
    if (head > 0) await store.matchQueue.ack(head);
    if (suspended) await store.matchQueue.resume();
    const state: MatchState & { at: number } = {
      digest,
      keys,
      organizations: Object.fromEntries(index.organizationKeys),
      at: now(),
      unlinked: breakdownOf(stats),
      entities: stats.entities,
    };
    await store.meta.set(STATE_KEY, JSON.stringify(state));
  });
  stats.durationMs = now() - started;
  return stats;
}

async function sameTotals(store: Store, entities: MatchStats['entities']): Promise<boolean> {
  const counts = await store.facts.counts();
  return (Object.keys(entities) as (keyof typeof entities)[]).every((k) => counts[k] === entities[k].total);
}
