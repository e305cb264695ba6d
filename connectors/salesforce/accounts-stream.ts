import { createHash } from 'node:crypto';
import type { SalesforceEnv } from './env.ts';
import type { Mappings } from '../../src/config/mappings/index.ts';
import { overrideFieldsToRead } from '../../src/config/mappings/salesforce.ts';
import { accountFieldsToRead } from '../../src/config/mappings/scorecard.ts';
import { hashKeyId, phoneKey } from '../../src/facts/keys.ts';
import type { AccountFact, FactRef } from '../../src/facts/schemas.ts';
import type { Logger } from '../../src/log/logger.ts';
import { defineStream, type StreamContext, type StreamDef, type StreamPage } from '../../src/facts/stream.ts';
import { readPosition } from '../../src/facts/stream-position.ts';
import { AccountsCursor, advanceMark, alreadyRead, type ModstampMark } from './account-cursor.ts';
import {
  type AccountFieldConfig,
  type PhoneHasher,
  accountSelectFields,
  toAccountFact,
} from './account-mapper.ts';
import { type SalesforceSession, connectSalesforce } from './auth.ts';
import { queryPages } from './query-pages.ts';
import { SalesforceAccountRecord, parseResponse } from './schemas.ts';
import { parseSfDateTime, soqlDateTime } from './soql.ts';

export interface SalesforceStreamDeps {
  /** The connected org; connected lazily from `env` on first use when absent. */
  session?: () => Promise<SalesforceSession>;
  /**
   * The HMAC key (`resolveHashKey`): Account phones become `phoneKey(key, phone, country code)`, as
   * caller numbers do. Without it (and without `hashPhone`) Account phones are not matched.
   */
  hashKey?: string;
  /** Overrides the phone hashing (tests). */
  hashPhone?: PhoneHasher;
  /** An identifier of the hash key (never the key): a new key restarts the stream. Derived from `hashKey`. */
  hashKeyId?: string;
  /** Stored Account ids, for the sweep that ends a full read. */
  storedAccountIds?: () => Promise<Iterable<string>>;
  log?: Logger;
}

/** Accounts that stopped matching `where` are looked for from this far back when that mark starts fresh. */
const REMOVALS_OVERLAP_MS = 24 * 3600_000;
/** How often an incremental run looks for Accounts that stopped matching `where` (a second query). */
export const UNMATCHED_EVERY_MS = 3600_000;
const ENDPOINT = 'GET /queryAll (Account)';

/**
 * One queryAll for everything an incremental run needs: the Accounts changed since the mark that
 * match `where`, and those deleted since (still in the recycle bin, `IsDeleted = true`). A full
 * read (no mark) asks only for the live ones.
 */
export function accountsSoql(cfg: AccountFieldConfig, since: number | null): string {
  const live = cfg.where ? `(${cfg.where})` : null;
  const where =
    since === null
      ? (live ?? '')
      : `SystemModstamp >= ${soqlDateTime(since)}${live ? ` AND (IsDeleted = true OR ${live})` : ''}`;
  const fields = [...accountSelectFields(cfg), ...(since === null ? [] : ['IsDeleted'])];
  return `SELECT ${fields.join(', ')} FROM Account${where ? ` WHERE ${where}` : ''} ORDER BY SystemModstamp, Id`;
}

/** Accounts changed since `since` that no longer match `where` (none when there is no `where`). */
export function unmatchedSoql(cfg: AccountFieldConfig, since: number): string | null {
  if (!cfg.where) return null;
  return `SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= ${soqlDateTime(since)} AND NOT (${cfg.where}) ORDER BY SystemModstamp, Id`;
}

/**
 * What the stream reads: accounts.yaml, the Account fields scorecard measures read, and
 * salesforce.yaml's override fields (none without them).
 */
export type AccountsStreamMappings = Pick<Mappings, 'accounts'> &
  Partial<Pick<Mappings, 'scorecard' | 'salesforce'>>;

/**
 * accounts.yaml's Account settings, with the fields scorecard measures and overrides read added to `extra` (under
 * their API names), so that one SOQL selects them all and the fingerprint changes with them.
 */
export function accountFieldConfig(m: AccountsStreamMappings): AccountFieldConfig {
  const cfg = m.accounts.salesforce;
  // A CSM's status override, read by API name like the measured fields (none when it is off).
  const overrides = overrideFieldsToRead(m.salesforce?.overrides).map((f): [string, string] => [f, f]);
  return {
    ...cfg,
    extra: { ...Object.fromEntries(overrides), ...accountFieldsToRead(cfg.extra, m.scorecard) },
  };
}

export function accountsFingerprint(m: AccountsStreamMappings, hashKeyId: string | undefined): string {
  const cfg = accountFieldConfig(m);
  const doc = {
    object: 'Account',
    select: accountSelectFields(cfg),
    fields: cfg.fields,
    extra: cfg.extra,
    where: cfg.where,
    country: m.accounts.phone_default_country_code,
    key: hashKeyId ?? null,
  };
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 16);
}

const stamped = (r: SalesforceAccountRecord): { id: string; modstamp: number } => ({
  id: r.Id,
  modstamp: parseSfDateTime(r.SystemModstamp),
});

/**
 * `salesforce.accounts`: Accounts in by SystemModstamp (`>=`, ties de-duplicated), each page
 * committed with its cursor, deletions in the same queryAll. A full read ends with a sweep; after
 * it, and then at most once an hour, a second query finds Accounts that stopped matching `where`.
 */
export function salesforceStreams(
  env: SalesforceEnv,
  mappings: AccountsStreamMappings,
  deps: SalesforceStreamDeps = {},
): StreamDef<AccountsCursor>[] {
  const cfg = accountFieldConfig(mappings);
  const country = mappings.accounts.phone_default_country_code;
  const key = deps.hashKey;
  const hashPhone: PhoneHasher | undefined =
    deps.hashPhone ?? (key ? (raw) => phoneKey(key, raw, country) : undefined);
  const keyId = deps.hashKeyId ?? (key ? hashKeyId(key) : undefined);
  let connected: Promise<SalesforceSession> | undefined;
  const session = (): Promise<SalesforceSession> =>
    deps.session ? deps.session() : (connected ??= connectSalesforce(env, deps.log ? { log: deps.log } : {}));

  async function* read(ctx: StreamContext<AccountsCursor>): AsyncIterable<StreamPage<AccountsCursor>> {
    const org = await session();
    const full = ctx.cursor === undefined || ctx.cursor.full;
    let cursor: AccountsCursor = {
      upserts: full ? null : (ctx.cursor?.upserts ?? null),
      full,
      removals: ctx.cursor?.removals ?? { since: Math.max(0, ctx.now() - REMOVALS_OVERLAP_MS), ids: [] },
    };
    if (!hashPhone && cfg.fields.phone)
      ctx.log.warn('salesforce.accounts: no hash key given, Account phones are not matched');
    if (full && !deps.storedAccountIds)
      ctx.log.warn(
        'salesforce.accounts: full read without a sweep (no storedAccountIds): removed Accounts stay until deleted',
      );
    const seen = new Set<string>();

    const since = cursor.upserts?.since ?? null;
    let read = 0;
    // queryAll, to see deletions, once there is a mark; a full read wants only the live Accounts.
    for await (const page of queryPages(org, accountsSoql(cfg, since), {
      all: since !== null,
      signal: ctx.signal,
    })) {
      const records = page.records.map((r) => parseResponse(SalesforceAccountRecord, r, ENDPOINT));
      read += records.length;
      const fresh = records.filter((r) => !alreadyRead(cursor.upserts, stamped(r)));
      const facts: AccountFact[] = [];
      const deletes: FactRef[] = [];
      for (const r of fresh)
        if (r.IsDeleted === true) deletes.push({ kind: 'account', id: r.Id });
        else facts.push(toAccountFact(r, cfg, hashPhone));
      for (const r of records) seen.add(r.Id);
      cursor = { ...cursor, upserts: advanceMark(cursor.upserts, records.map(stamped)) };
      yield {
        batch: { upserts: facts, deletes },
        cursor,
        position: readPosition(read, page.totalSize, 'records'),
      };
      if (ctx.signal.aborted) return;
    }

    if (full) {
      const deletes: FactRef[] = [];
      for (const id of (await deps.storedAccountIds?.()) ?? [])
        if (!seen.has(id)) deletes.push({ kind: 'account', id });
      cursor = { ...cursor, full: false };
      yield { batch: { upserts: [], deletes }, cursor };
    }

    const soql = unmatchedSoql(cfg, cursor.removals.since);
    const checked = cursor.removals.checkedAt;
    if (soql && (full || checked === undefined || ctx.now() - checked >= UNMATCHED_EVERY_MS))
      yield* readUnmatched(ctx, org, cursor, soql);
  }

  async function* readUnmatched(
    ctx: StreamContext<AccountsCursor>,
    org: SalesforceSession,
    start: AccountsCursor,
    soql: string,
  ): AsyncIterable<StreamPage<AccountsCursor>> {
    const checkedAt = ctx.now();
    let cursor = start;
    for await (const page of queryPages(org, soql, { signal: ctx.signal })) {
      const records = page.records.map((r) =>
        parseResponse(SalesforceAccountRecord, r, 'GET /query (Account)'),
      );
      const mark: ModstampMark = cursor.removals;
      const deletes: FactRef[] = records
        .filter((r) => !alreadyRead(mark, stamped(r)))
        .map((r) => ({ kind: 'account', id: r.Id }));
      cursor = { ...cursor, removals: advanceMark(mark, records.map(stamped)) ?? mark };
      yield { batch: { upserts: [], deletes }, cursor };
      if (ctx.signal.aborted) return;
    }
    yield {
      batch: { upserts: [], deletes: [] },
      cursor: { ...cursor, removals: { ...cursor.removals, checkedAt } },
    };
  }

  return [
    defineStream<AccountsCursor>({
      name: 'salesforce.accounts',
      source: 'salesforce',
      cursor: AccountsCursor,
      fingerprint: accountsFingerprint(mappings, keyId),
      read,
      async reconcile() {
        const org = await session();
        const soql = `SELECT COUNT() FROM Account${cfg.where ? ` WHERE ${cfg.where}` : ''}`;
        let expected: number | null = null;
        for await (const page of queryPages(org, soql)) expected = page.totalSize;
        const stored = deps.storedAccountIds ? [...(await deps.storedAccountIds())].length : 0;
        return {
          expected,
          stored,
          note: 'Accounts matching accounts.yaml > salesforce > where; formula fields change without touching SystemModstamp, so run --full to refresh them',
        };
      },
    }),
  ];
}
