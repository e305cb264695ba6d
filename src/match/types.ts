import type { FactKind } from '../facts/schemas.ts';
import type { MatchableFact } from './match-fact.ts';

export interface AccountLink {
  entity: Exclude<FactKind, 'account'>;
  entityId: string;
  accountId: string;
  /** The name of the accounts.yaml rule that matched. */
  rule: string;
}

/** A fact that no account link holds, with the first rule that had a key and found no account. */
export interface UnlinkedFact {
  fact: MatchableFact;
  /** `none`: no rule had a key to look up (e.g. a ticket with neither organization nor domain). */
  firstRule: string;
  /** The rules that found several accounts by a shared domain or phone. */
  ambiguous: string[];
}
