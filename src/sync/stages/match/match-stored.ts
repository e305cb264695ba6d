import type { MatchRule } from '../../../config/mappings/accounts.ts';
import type { LinkRepo } from '../../../store/store.ts';
import type { AccountIndex } from '../../../match/account-index.ts';
import { type MatchResult, type MatchableFact, matchFact } from '../../../match/match-fact.ts';

/**
 * `matchFact` against the store's links: an issue's referenced tickets count with the accounts
 * stored for them. `matchFact` is synchronous and the store is not, so a first attempt notes which
 * tickets a rule asks for (none, unless the rules get to `issue.ticket_refs`), and only then are
 * their links read and the fact matched again: the store is asked exactly what it was asked when the
 * lookup was synchronous. The result comes back at once when nothing had to be read, because a
 * relink matches a million facts and an await for each costs a tenth of its time.
 */
export function matchStoredFact(
  fact: MatchableFact,
  index: AccountIndex,
  rules: readonly MatchRule[],
  links: Pick<LinkRepo, 'forEntity'>,
): MatchResult | Promise<MatchResult> {
  const asked: string[] = [];
  const first = matchFact(fact, index, rules, (ticketId) => {
    asked.push(ticketId);
    return [];
  });
  return asked.length === 0 ? first : matchWithTickets(fact, index, rules, links, asked);
}

async function matchWithTickets(
  fact: MatchableFact,
  index: AccountIndex,
  rules: readonly MatchRule[],
  links: Pick<LinkRepo, 'forEntity'>,
  tickets: readonly string[],
): Promise<MatchResult> {
  const accounts = new Map<string, string[]>();
  for (const id of tickets)
    if (!accounts.has(id))
      accounts.set(
        id,
        (await links.forEntity('ticket', id)).map((l) => l.accountId),
      );
  return matchFact(fact, index, rules, (ticketId) => accounts.get(ticketId) ?? []);
}
