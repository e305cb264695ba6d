import type { SourceEnvParser } from '../config/env-vars.ts';
import type { Mappings } from '../config/mappings/index.ts';
import type { LimiterConfig, RateLimitMode, RequestCounters } from '../http/types.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { StreamDef } from './stream.ts';
import type { FactKind } from './schemas.ts';

/** What reading one stream from its start would cost: its requests and the limiter bucket that paces them. */
export interface ReadCost {
  /** The records it holds now, all of which it would fetch again. */
  records: number;
  requests: number;
  /** A key of the source's `limits`; none when the vendor sets no per-minute limit (Salesforce). */
  bucket?: string;
}

/** What a run gives a source's streams. */
export interface SourceStreamDeps<Session = unknown> {
  mappings: Mappings;
  log: Logger;
  /** Takes the credentials the source's clients send out of whatever they log or report. */
  scrubber: SecretScrubber;
  hashKey: string;
  counters: RequestCounters;
  rateLimits: RateLimitMode;
  /** The ids stored for a kind of fact, so a read from the start can remove what the source no longer has. */
  storedIds(kind: FactKind): Promise<Iterable<string>>;
  /** A connection the run shares with its other stages: Salesforce's session, which the write-back uses too. */
  session(): Promise<Session>;
}

/**
 * One source, as `connectors/<vendor>/index.ts` exports it and `src/sources.ts` lists it: everything
 * the rest of the service needs to know about it, so that adding a source touches its folder and
 * that list.
 */
export interface SourceDefinition<Name extends string, Env, Session = unknown> {
  /** The source's name in CLI flags, API bodies, run records, metrics labels and stream names. */
  readonly name: Name;
  /** `accounts`: it reads the accounts that the other sources' facts are matched to, so it is read first. */
  readonly role: 'accounts' | 'activity';
  /** Its environment variables; with none of its credential variables set, it is skipped. */
  readonly env: SourceEnvParser<Env>;
  /** The vendor's documented request limits, as limiter buckets. */
  readonly limits: Readonly<Record<string, LimiterConfig>>;
  /** The names of the streams `streams` returns under these mappings, without building any client. */
  streamNames(mappings: Mappings): string[];
  /**
   * Each stream's cursor fingerprint under this environment, these mappings and hash key (its id), as
   * the stream itself computes it: a sync restarts a stream whose stored fingerprint differs, so a
   * preview can say which would, without building a client.
   */
  fingerprints(env: Env, mappings: Mappings, hashKeyId: string): Record<string, string>;
  /** What a read of a stream from its start would cost, estimated from the facts it stored. */
  readCost(
    stream: string,
    o: { stored: Readonly<Record<FactKind, number>>; mappings: Mappings; now: number },
  ): ReadCost;
  /** Its streams, in the order they must run. */
  streams(env: Env, deps: SourceStreamDeps<Session>): StreamDef<unknown>[];
}
