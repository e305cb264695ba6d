import type { MatchableKind } from '../../../match/match-fact.ts';
import type { MatchStats, UnlinkedBreakdown } from '../../../match/stats.ts';
import type { Store } from '../../../store/store.ts';

/**
 * Totals and per-rule counts as the store holds them (after an incremental or skipped relink): the
 * links as stored, and the breakdown of every fact without a link now. `unmatched`: the facts without
 * a link by kind, when the caller has just counted them (else they are counted here).
 */
export async function summarizeStoredLinks(
  store: Pick<Store, 'facts' | 'links'>,
  stats: MatchStats,
  unlinked: UnlinkedBreakdown,
  unmatched: Partial<Record<MatchableKind, number>> = {},
): Promise<void> {
  const counts = await store.facts.counts();
  const byRule = await store.links.countsByRule();
  for (const kind of Object.keys(stats.entities) as MatchableKind[]) {
    const e = stats.entities[kind];
    e.total = counts[kind];
    e.unmatched = unmatched[kind] ?? (await store.links.unmatched(kind));
    e.matched = e.total - e.unmatched;
    e.unmatchedByRule = { ...unlinked[kind].unmatchedByRule };
    e.ambiguous = { ...unlinked[kind].ambiguous };
    e.byRule = Object.fromEntries(byRule.filter((r) => r.entity === kind).map((r) => [r.rule, r.count]));
  }
}
