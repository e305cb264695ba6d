import type { MatchRule } from '../config/mappings/accounts.ts';
import type { LinkRepo } from '../store/store.ts';
import type { AccountIndex } from './account-index.ts';
import { type MatchResult, type MatchableFact, matchFact } from './match-fact.ts';

/**
 * `matchFact` against the store's links: an issue's referenced tickets count with the accounts
 * stored for them. `matchFact` is synchronous and the store is not, so a first attempt notes which
 * tickets a rule asks for (none, unless the rules get to `issue.ticket_refs`), and only then are
 * their links read and the fact matched again: the store is asked exactly what it was asked when the
 * lookup was synchronous.
 */
export async function matchStoredFact(
  fact: MatchableFact,
  index: AccountIndex,
  rules: readonly MatchRule[],
  links: Pick<LinkRepo, 'forEntity'>,
): Promise<MatchResult> {
  const asked: string[] = [];
  const first = matchFact(fact, index, rules, (ticketId) => {
    asked.push(ticketId);
    return [];
  });
  if (asked.length === 0) return first;
  const accounts = new Map<string, string[]>();
  for (const id of asked)
    if (!accounts.has(id))
      accounts.set(
        id,
        (await links.forEntity('ticket', id)).map((l) => l.accountId),
      );
  return matchFact(fact, index, rules, (ticketId) => accounts.get(ticketId) ?? []);
}
