import type { AccountFact, Fact } from '../facts/schemas.ts';
import type { MetricValue } from './types.ts';

/**
 * What a metric query is, as data: the catalogue (catalogue.ts) says what each metric aggregates and
 * a store compiles it to its own query language. Every aggregate is grouped per account; a fact
 * belongs to the accounts it is linked to.
 */

/** The kinds of facts metrics read. */
export type MetricFact = 'ticket' | 'call' | 'issue';

type FieldsOf = { [K in MetricFact]: Exclude<keyof Extract<Fact, { kind: K }>, 'kind'> & string };
/** A field of one kind of fact, named as in its schema (a union of kinds gives all their fields). */
export type Field<K extends MetricFact> = FieldsOf[K];

/**
 * A value fixed by the definition (a status name, a unit). A store may write it into the query text,
 * where a planner can match it against a partial index (tickets_open lists the open statuses).
 */
export interface Constant {
  op: 'constant';
  value: string | number | boolean;
}

/** A value from the mappings or the request: always bound, never written into the query text. */
export interface Param {
  op: 'param';
  value: string | number;
}

export type Expr<K extends MetricFact> =
  | Constant
  | Param
  | { op: 'field'; field: Field<K> }
  /** The number the table gives the operand's value; `otherwise` (null: no value) when it gives none. */
  | { op: 'lookup'; of: Expr<K>; table: Readonly<Record<string, number>>; otherwise: Expr<K> | null }
  /** The first operand that has a value. */
  | { op: 'coalesce'; of: readonly Expr<K>[] }
  | { op: 'minus'; left: Expr<K>; right: Expr<K> }
  /** Division as real numbers, whatever the operands' types. */
  | { op: 'divide'; left: Expr<K>; right: Expr<K> }
  /** max(0, x). */
  | { op: 'atLeastZero'; of: Expr<K> }
  /** Drops the fraction (the operand is never negative where it is used). */
  | { op: 'truncate'; of: Expr<K> }
  /** The `then` of the first `when` that holds; `otherwise` (null: no value) when none does. */
  | { op: 'case'; whens: readonly { when: Cond<K>; then: Expr<K> }[]; otherwise: Expr<K> | null }
  /**
   * Of the table's keys that are items of `list` (a list field), the one that comes first in the
   * list: its value; no value when none is. The table's order does not matter, the list's does.
   */
  | { op: 'firstListed'; list: Expr<K>; table: readonly (readonly [string, string])[] };

export type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** A condition on one fact. Comparing with a missing value (null) is never true. */
export type Cond<K extends MetricFact> =
  | { op: 'compare'; cmp: Comparison; left: Expr<K>; right: Expr<K> }
  | { op: 'in'; of: Expr<K>; values: readonly Expr<K>[] }
  /** low ≤ of ≤ high. */
  | { op: 'between'; of: Expr<K>; low: Expr<K>; high: Expr<K> }
  | { op: 'isNull' | 'notNull'; of: Expr<K> }
  /** `item` is one of the items of `list` (a list field), exactly (case and all). */
  | { op: 'listHas'; list: Expr<K>; item: string }
  | { op: 'and' | 'or'; of: readonly Cond<K>[] };

/** The facts of one kind an aggregate reads. */
export interface Scan<K extends MetricFact> {
  facts: K;
  /** The time that puts a fact in the window [from, to], both ends included; without it, `where` alone chooses. */
  window?: { time: Field<K>; from: number; to: number };
  where?: Cond<K>;
}

/** A count and a sum per account. */
export interface ShareRow {
  sample: number;
  hits: number;
}
/** A value computed over `sample` facts (null only when the value is). */
export interface ValueRow {
  sample: number;
  value: number | null;
}

/** The facts matching `hit` among those `over` takes: sample = all of them, hits = the matching ones. */
export interface ShareQuery<K extends MetricFact> {
  kind: 'share';
  over: Scan<K>;
  hit: Cond<K>;
  read(row: ShareRow): MetricValue;
}

/** The mean of `of` over the facts (sample: their number). */
export interface MeanQuery<K extends MetricFact> {
  kind: 'mean';
  over: Scan<K>;
  of: Expr<K>;
  read(row: ValueRow): MetricValue;
}

/**
 * The exact q-quantile (q = num/den, integers) of `of` over the facts, interpolated between the two
 * closest ranks (type 7: the median of an even count is the mean of the middle two); see quantile.ts.
 */
export interface QuantileQuery<K extends MetricFact> {
  kind: 'quantile';
  over: Scan<K>;
  of: Expr<K>;
  q: { num: number; den: number };
  read(row: ValueRow): MetricValue;
}

/**
 * A kind of fact that counts as a contact: its time and the key of the person behind it.
 * `notPersonIf` names an account field holding a key of the account itself (its main phone): a
 * person key equal to it is the customer's switchboard, shared by everyone there, not a person.
 */
export type ContactSource = {
  [K in MetricFact]: { facts: K; time: Field<K>; person: Field<K>; notPersonIf?: AccountKeyField };
}[MetricFact];

/** An account field that holds a key comparable with a fact's person key. */
export type AccountKeyField = Extract<keyof AccountFact, 'phoneKey'>;

/** Contacts counted apart before `split` and from it on. */
export interface ContactCountRow {
  early: number;
  late: number;
}

/** Contacts in [from, to] per account, split at `split` (without one, all of them are late). */
export interface ContactCountQuery {
  kind: 'contactCount';
  contacts: readonly ContactSource[];
  from: number;
  to: number;
  split?: number;
  read(row: ContactCountRow): MetricValue;
}

/**
 * Contacts with a person key in [from, to] (sample), and those the same person's previous contact
 * with the account precedes by at most `within` (hits); that contact may lie before `from`. A
 * contact is one fact (a ticket by its creation, a call by its start), so a ticket's own updates
 * never repeat it; a second ticket from the same requester does. Contacts at the same instant are
 * ordered by their source's place in `contacts`, then by id.
 */
export interface RepeatContactsQuery {
  kind: 'repeatContacts';
  contacts: readonly ContactSource[];
  from: number;
  to: number;
  within: number;
  read(row: ShareRow): MetricValue;
}

/**
 * Contacts of one kind (`contacts`: their time and person key, and which facts count as a contact),
 * and among those in [from, to] the ones matching `counted` (sample); hits are those that the same
 * person's next contact follows within `within` (the next contact may lie after `to`). Contacts at
 * the same instant are ordered by id.
 */
export interface FollowUpQuery<K extends MetricFact> {
  kind: 'followUp';
  contacts: { facts: K; time: Field<K>; person: Field<K>; where?: Cond<K> };
  counted: Cond<K>;
  from: number;
  to: number;
  within: number;
  read(row: ShareRow): MetricValue;
}

export interface BacklogRow {
  /** All the facts read, open or not. */
  sample: number;
  open: number;
  value: number;
  /** The largest age of an open fact; null when none is open. */
  oldest: number | null;
  /** The group with the largest weight among open facts (ties: the first name), and its open count. */
  heaviest: { name: string; open: number } | null;
}

/**
 * Open facts weighted by weight and age: value = Σ over the facts matching `open` of
 * weight × (1 + ageWeightPerDay × ageDays). `groupBy` names the heaviest group for the detail.
 */
export interface WeightedBacklogQuery<K extends MetricFact> {
  kind: 'weightedBacklog';
  over: Scan<K>;
  open: Cond<K>;
  weight: Expr<K>;
  ageDays: Expr<K>;
  ageWeightPerDay: number;
  groupBy: Expr<K>;
  read(row: BacklogRow): MetricValue;
}

/** One metric over all accounts (or one): what a store executes. */
export type MetricQuery =
  | {
      [K in MetricFact]:
        ShareQuery<K> | MeanQuery<K> | QuantileQuery<K> | WeightedBacklogQuery<K> | FollowUpQuery<K>;
    }[MetricFact]
  | ContactCountQuery
  | RepeatContactsQuery;
