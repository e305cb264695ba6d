import type { AccountsMapping } from '../../../config/mappings/accounts.ts';
import type { Store } from '../../../store/store.ts';
import type { UnlinkedFact } from '../../../match/types.ts';
import type { AccountIndex } from '../../../match/account-index.ts';
import {
  MATCH_FIELDS,
  MATCH_KINDS,
  type MatchableFact,
  type MatchableKind,
} from '../../../match/match-fact.ts';
import { matchStoredFact } from './match-stored.ts';

/** What is read of each unlinked fact: what the rules read, and what names it in a report. */
const FIELDS: Record<MatchableKind, readonly string[]> = {
  organization: MATCH_FIELDS.organization,
  ticket: MATCH_FIELDS.ticket,
  call: MATCH_FIELDS.call,
  issue: [...MATCH_FIELDS.issue, 'key'],
};

/**
 * Every fact the store holds without an account link now (not only those a run re-evaluated), matched
 * again to say which rule found nothing. A fact that would match now (queued while the relink ran)
 * is left to the next relink and not reported, but counted in `rows`: every fact without a link
 * read so far, by kind. In chunks, as the store reads them.
 */
export function unlinkedFacts(
  store: Pick<Store, 'links'>,
  index: AccountIndex,
  rules: AccountsMapping['rules'],
  kinds: readonly MatchableKind[] = MATCH_KINDS,
): { chunks: AsyncGenerator<UnlinkedFact[]>; rows: Partial<Record<MatchableKind, number>> } {
  const rows: Partial<Record<MatchableKind, number>> = {};
  return { chunks: unlinkedChunks(store, index, rules, kinds, rows), rows };
}

async function* unlinkedChunks(
  store: Pick<Store, 'links'>,
  index: AccountIndex,
  rules: AccountsMapping['rules'],
  kinds: readonly MatchableKind[],
  counted: Partial<Record<MatchableKind, number>>,
): AsyncGenerator<UnlinkedFact[]> {
  for (const kind of kinds) {
    counted[kind] = 0;
    for await (const rows of store.links.unlinkedChunks(kind, FIELDS[kind])) {
      counted[kind] += rows.length;
      const unlinked: UnlinkedFact[] = [];
      for (const row of rows) {
        const fact = row as MatchableFact;
        const matched = matchStoredFact(fact, index, rules, store.links);
        const result = matched instanceof Promise ? await matched : matched;
        if ('unmatched' in result)
          unlinked.push({ fact, firstRule: result.tried[0] ?? 'none', ambiguous: result.ambiguous });
      }
      yield unlinked;
    }
  }
}
