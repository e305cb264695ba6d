import type { AccountFact, Fact, FactBatch, FactKind, FactRef } from '../facts/schemas.ts';
import type { AccountLink } from '../match/types.ts';
import type { MatchQueueRepo } from './match-queue.ts';
import type { MetricRepo } from './metrics.ts';
import type { ScoreRepo } from './scores.ts';
import type { ProposalRepo } from './proposals.ts';
import type { ConfirmedValueRepo } from './confirmed-values.ts';
import type { LeaseRepo } from './leases.ts';
import type { AlertRepo } from './alerts.ts';
import type { SignalFactRepo } from './signal-facts.ts';
import type { SnapshotRowRepo } from './snapshot-rows.ts';
import type { AccountBrowseRepo } from './account-browse.ts';
import type { AccountFactRepo } from './account-facts.ts';

/**
 * The state store, as an interface so that a Postgres implementation can stand in for the embedded
 * SQLite one: every call returns a promise and every iterator is asynchronous, because a network
 * database cannot answer synchronously. Each concern is its own small repository; `open-sqlite.ts`
 * wires them.
 */

export interface CursorState {
  /** The stream's own cursor document (validated by the stream's zod schema on read). */
  value: unknown;
  /** Digest of the configuration the cursor depends on; a different one restarts the stream. */
  fingerprint: string;
  updatedAt: number;
}

export interface PageWrite extends FactBatch {
  /** Links for the facts of this page, replacing any earlier links of the same entities. */
  links?: AccountLink[];
}

/** Rows a chunk at a time (about a thousand), for loops over a million rows where an await per row shows. */
export type Chunks<T> = AsyncIterableIterator<readonly T[]>;

export interface FactCounts {
  ticket: number;
  organization: number;
  call: number;
  issue: number;
  account: number;
}

export interface FactRepo {
  /**
   * Writes one page's facts and the stream's next cursor in one transaction: after a failure
   * both are as they were, so a rerun reads the page again and upserts make the replay harmless.
   */
  commitPage(stream: string, page: PageWrite, next: { value: unknown; fingerprint: string }): Promise<void>;
  get(ref: FactRef): Promise<Fact | undefined>;
  ids(kind: FactKind): Promise<string[]>;
  /** The tickets of these organizations (a relink after only organizations changed reads no other). */
  ticketIdsOfOrganizations(organizationIds: readonly string[]): Promise<string[]>;
  counts(): Promise<FactCounts>;
  /** Iterates facts of one kind without loading them all, ordered by id (for matching and exports). */
  iterate<K extends FactKind>(kind: K): AsyncIterableIterator<Extract<Fact, { kind: K }>>;
  /** The same in chunks, with only some fields read (a relink over a million tickets needs three). */
  chunks<K extends FactKind>(
    kind: K,
    fields: readonly string[],
  ): Chunks<Partial<Extract<Fact, { kind: K }>> & { kind: K; id: string }>;
}

export interface CursorRepo {
  get(stream: string): Promise<CursorState | undefined>;
  reset(stream: string): Promise<void>;
  list(): Promise<(CursorState & { stream: string })[]>;
}

export interface LinkRepo {
  /** Replaces the links of the given entities (an entity that no longer matches loses its links). */
  replace(
    entities: { entity: AccountLink['entity']; entityId: string }[],
    links: AccountLink[],
  ): Promise<void>;
  forEntity(entity: AccountLink['entity'], entityId: string): Promise<AccountLink[]>;
  /**
   * Runs `load`, which writes links in bulk. When none is stored yet (a first sync), the index by
   * account is dropped first and built once at the end: keeping it in order through a million
   * inserts took 24 s of a 25 s relink. The store rebuilds a missing index when it opens, so a
   * crash in between leaves nothing broken.
   */
  bulkLoad<T>(load: () => Promise<T>): Promise<T>;
  /** Every link of one kind of fact in chunks, ordered by entity id as `FactRepo.iterate` orders facts (merge-joins). */
  chunks(entity: AccountLink['entity']): Chunks<AccountLink>;
  /** Counts of linked facts per entity and rule. */
  countsByRule(): Promise<{ entity: string; rule: string; count: number }[]>;
  /** Facts of a kind with no link at all. */
  unmatched(entity: AccountLink['entity']): Promise<number>;
  /** Those facts themselves in chunks, with `id` and the given fields only, ordered by id. */
  unlinkedChunks<K extends AccountLink['entity']>(
    entity: K,
    fields: readonly string[],
  ): Chunks<Partial<Extract<Fact, { kind: K }>> & { kind: K; id: string }>;
}

export interface AccountRepo {
  get(id: string): Promise<AccountFact | undefined>;
  list(): Promise<AccountFact[]>;
  count(): Promise<number>;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'partial';
export interface RunRecord {
  id: number;
  trigger: string;
  startedAt: number;
  endedAt: number | null;
  status: RunStatus;
  options: Record<string, unknown>;
  stats: Record<string, unknown>;
  error: string | null;
}

export interface RunRepo {
  start(trigger: string, options: Record<string, unknown>): Promise<RunRecord>;
  /** Saves progress while the run goes on (stats are the run's whole current picture); none once it ended. */
  update(id: number, stats: Record<string, unknown>): Promise<void>;
  finish(
    id: number,
    status: Exclude<RunStatus, 'running'>,
    stats: Record<string, unknown>,
    error?: string,
  ): Promise<void>;
  get(id: number): Promise<RunRecord | undefined>;
  list(options?: { limit?: number; beforeId?: number }): Promise<RunRecord[]>;
  /** Marks runs left `running` by a process that died as failed (called at start). */
  abandonStale(reason: string): Promise<number>;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  detail: Record<string, unknown>;
}

export interface AuditRepo {
  append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: number }): Promise<AuditEntry>;
  list(options?: { limit?: number; beforeId?: number }): Promise<AuditEntry[]>;
  /** The entries about one target (e.g. `proposal:7`), oldest first, at most `limit`. */
  forTarget(target: string, limit: number): Promise<AuditEntry[]>;
}

export interface MetaRepo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Deletes the entry and overwrites its bytes on disk (for secrets); true when there was one. */
  erase(key: string): Promise<boolean>;
}

export interface Store {
  readonly facts: FactRepo;
  readonly cursors: CursorRepo;
  readonly links: LinkRepo;
  readonly accounts: AccountRepo;
  readonly runs: RunRepo;
  readonly audit: AuditRepo;
  readonly meta: MetaRepo;
  readonly matchQueue: MatchQueueRepo;
  readonly scores: ScoreRepo;
  readonly metrics: MetricRepo;
  readonly proposals: ProposalRepo;
  readonly confirmedValues: ConfirmedValueRepo;
  readonly leases: LeaseRepo;
  readonly alerts: AlertRepo;
  readonly signalFacts: SignalFactRepo;
  readonly snapshotRows: SnapshotRowRepo;
  /** The console's account list: filtered, sorted and paged by the store. */
  readonly accountBrowse: AccountBrowseRepo;
  /** The facts linked to one account (ids and times), for the console's account page. */
  readonly accountFacts: AccountFactRepo;
  /**
   * Runs `fn` in one transaction: nested calls join the outer one, and other callers' statements
   * wait until it ends (they neither see its uncommitted writes nor land in it).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the store answers a trivial query (readiness). */
  ping(): Promise<boolean>;
  /** Closes the store once the work queued on it is done. */
  close(): Promise<void>;
}
