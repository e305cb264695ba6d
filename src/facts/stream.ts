import type { ZodType } from 'zod';
import type { SourceName } from '../errors.ts';
import type { Fact, FactBatch, FactKind, FactRef } from './schemas.ts';
import type { Logger } from '../log/logger.ts';
import type { ReadPosition } from './stream-position.ts';

/**
 * A connector stream is a typed object, not a class: it declares its cursor schema, the config
 * fingerprint the cursor depends on, and an async generator of pages. The stream runner
 * (`src/sync/run-stream.ts`) loads the cursor, commits each page with its cursor in one transaction,
 * and restarts the stream when the fingerprint changes.
 */
export interface StreamContext<C> {
  /** The committed cursor, or undefined on the first run, after `--full`, or after a config change. */
  cursor: C | undefined;
  /** Aborted on SIGTERM: finish the current page, then stop. */
  signal: AbortSignal;
  log: Logger;
  now(): number;
}

export interface StreamPage<C> {
  batch: FactBatch;
  /** The cursor after this page: committed only together with the page's facts. */
  cursor: C;
  /** How far the read has got, where the source tells (for progress only). */
  position?: ReadPosition | undefined;
}

/** What the source says it holds, for the reconciliation step (null where the API cannot tell). */
export interface Reconciliation {
  expected: number | null;
  stored: number;
  note: string;
}

/** What a reconciliation reads of the store (the fact repository, read-only). */
export interface StoredFacts {
  counts(): Promise<Record<FactKind, number>>;
  get(ref: FactRef): Promise<Fact | undefined>;
}

export interface StreamDef<C> {
  /** `<source>.<stream>`, e.g. `zendesk.tickets`; the cursor's key in the store. */
  name: string;
  source: SourceName;
  cursor: ZodType<C>;
  /** Digest of the configuration the cursor depends on (JQL, fields, start date...). */
  fingerprint: string;
  read(ctx: StreamContext<C>): AsyncIterable<StreamPage<C>>;
  /** `facts` lets a stream count what is stored, to compare it with what the source says it holds. */
  reconcile?(ctx: { log: Logger; signal: AbortSignal; facts: StoredFacts }): Promise<Reconciliation>;
}

export const defineStream = <C>(def: StreamDef<C>): StreamDef<C> => def;
