import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AccountsMapping } from '../../../src/config/mappings/accounts.ts';
import { SalesforceMapping } from '../../../src/config/mappings/salesforce.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { StreamDef } from '../../../src/facts/stream.ts';
import type { Store } from '../../../src/store/store.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

export const silentLog = createLogger({ level: 'silent', scrubber: new SecretScrubber() });

/** The shipped mapping files, parsed with their schemas (so the defaults ops get are what is tested). */
export const shippedSalesforceMapping = (): SalesforceMapping =>
  SalesforceMapping.parse(parse(readFileSync('mappings/salesforce.yaml', 'utf8')));
export const shippedAccountsMapping = (): AccountsMapping =>
  AccountsMapping.parse(parse(readFileSync('mappings/accounts.yaml', 'utf8')));

/**
 * Drives a stream as the runner does: cursor from the store (dropped when the fingerprint
 * changed), each page committed with its cursor. `abortAfterPages` plays SIGTERM.
 */
export async function runStream<C>(
  def: StreamDef<C>,
  store: Store,
  options: { abortAfterPages?: number; now?: number } = {},
): Promise<{ pages: number; upserted: string[]; deleted: string[] }> {
  const state = await store.cursors.get(def.name);
  const cursor = state && state.fingerprint === def.fingerprint ? def.cursor.parse(state.value) : undefined;
  const ac = new AbortController();
  const out = { pages: 0, upserted: [] as string[], deleted: [] as string[] };
  for await (const page of def.read({
    cursor,
    signal: ac.signal,
    log: silentLog,
    now: () => options.now ?? Date.now(),
  })) {
    await store.facts.commitPage(def.name, page.batch, { value: page.cursor, fingerprint: def.fingerprint });
    out.pages++;
    out.upserted.push(...page.batch.upserts.map((f) => f.id));
    out.deleted.push(...page.batch.deletes.map((f) => f.id));
    if (options.abortAfterPages !== undefined && out.pages >= options.abortAfterPages) ac.abort();
  }
  return out;
}
