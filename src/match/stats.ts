import { SOURCE_OF_KIND } from '../config/mappings/accounts.ts';
import type { SourceName } from '../errors.ts';
import { MATCH_KINDS, type MatchableKind, type MatchResult } from './match-fact.ts';
import type { UnlinkedFact } from './types.ts';

/** Counts for one kind of fact, for the run record: unmatched facts are counted, never dropped. */
export interface EntityMatchStats {
  source: Exclude<SourceName, 'salesforce'>;
  total: number;
  matched: number;
  unmatched: number;
  /** Matched facts by the rule that matched them. */
  byRule: Record<string, number>;
  /**
   * Unmatched facts by the first rule that had a key to look up and found no account (`none`: no
   * rule had a key, e.g. a ticket with neither organization nor requester domain).
   */
  unmatchedByRule: Record<string, number>;
  /** Unmatched facts for which a rule found several accounts by a shared domain or phone (so none by it). */
  ambiguous: Record<string, number>;
}

export interface MatchStats {
  /**
   * The state after the relink, per kind of fact. After a full pass every count comes from matching.
   * After an incremental or skipped one, `total`, `matched`, `unmatched` and `byRule` come from the
   * stored links, and `unmatchedByRule` and `ambiguous` from matching again every fact that has no
   * link now: either way they describe the store, not only the facts this run saw.
   */
  entities: Record<MatchableKind, EntityMatchStats>;
  /** `full`: every fact; `incremental`: the queued facts; `skipped`: nothing could have changed. */
  mode: 'full' | 'incremental' | 'skipped';
  /** Facts matched in this relink. */
  evaluated: number;
  /** Facts whose links were rewritten (new, changed or lost). */
  changed: number;
  /** Facts gone from the store whose links were still there, now removed. */
  orphans: number;
  indexDigest: string;
  durationMs: number;
}

const emptyEntity = (kind: MatchableKind): EntityMatchStats => ({
  source: SOURCE_OF_KIND[kind],
  total: 0,
  matched: 0,
  unmatched: 0,
  byRule: {},
  unmatchedByRule: {},
  ambiguous: {},
});

export function emptyMatchStats(indexDigest: string): MatchStats {
  return {
    entities: Object.fromEntries(
      MATCH_KINDS.map((kind) => [kind, emptyEntity(kind)]),
    ) as MatchStats['entities'],
    mode: 'full',
    evaluated: 0,
    changed: 0,
    orphans: 0,
    indexDigest,
    durationMs: 0,
  };
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function recordMatch(stats: MatchStats, kind: MatchableKind, result: MatchResult): void {
  const e = stats.entities[kind];
  e.total++;
  if ('unmatched' in result) {
    e.unmatched++;
    bump(e.unmatchedByRule, result.tried[0] ?? 'none');
    for (const rule of result.ambiguous) bump(e.ambiguous, rule);
  } else {
    e.matched++;
    bump(e.byRule, result.rule);
  }
}

/** Per kind of fact, the unlinked facts by the first rule that found nothing, and the ambiguous rules. */
export type UnlinkedBreakdown = Record<
  MatchableKind,
  Pick<EntityMatchStats, 'unmatchedByRule' | 'ambiguous'>
>;

export async function unlinkedBreakdown(unlinked: AsyncIterable<UnlinkedFact[]>): Promise<UnlinkedBreakdown> {
  const out = {} as UnlinkedBreakdown;
  for (const kind of MATCH_KINDS) out[kind] = { unmatchedByRule: {}, ambiguous: {} };
  for await (const chunk of unlinked)
    for (const u of chunk) {
      const e = out[u.fact.kind];
      bump(e.unmatchedByRule, u.firstRule);
      for (const rule of u.ambiguous) bump(e.ambiguous, rule);
    }
  return out;
}

export const breakdownOf = (stats: MatchStats): UnlinkedBreakdown =>
  Object.fromEntries(
    Object.entries(stats.entities).map(([kind, e]) => [
      kind,
      { unmatchedByRule: e.unmatchedByRule, ambiguous: e.ambiguous },
    ]),
  ) as UnlinkedBreakdown;

/** Unmatched facts by source, then rule: the shape of the run record's `unmatched`. */
export function unmatchedBySourceAndRule(stats: MatchStats): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const e of Object.values(stats.entities)) {
    const bySource = (out[e.source] ??= {});
    for (const [rule, n] of Object.entries(e.unmatchedByRule)) bySource[rule] = (bySource[rule] ?? 0) + n;
  }
  return out;
}
