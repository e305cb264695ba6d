import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateMappingTexts } from '../../src/config/mappings/load.ts';
import { MAPPING_FILES, type MappingName, type Mappings } from '../../src/config/mappings/index.ts';
import type { AccountFact, CallFact, Fact, IssueFact, TicketFact } from '../../src/facts/schemas.ts';
import { callFact, issueFact, ticketFact } from '../support/facts.ts';
import type { AccountLink } from '../../src/match/types.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { DAY_MS } from '../../src/metrics/windows.ts';
import type { MetricSettings, MetricValue, TicketMaps } from '../../src/metrics/types.ts';
import { metricSettings } from '../../src/metrics/settings.ts';
import { metricQuery } from '../../src/metrics/catalogue.ts';
import type { MetricId } from '../../src/config/mappings/metric-ids.ts';

/** A fixed `now` (2026-11-20T12:00:00Z), so no test depends on the clock. */
export const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
export const HOUR = 3_600_000;
export const daysAgo = (d: number, now = NOW): number => Math.round(now - d * DAY_MS);

export const ticket = (id: string, o: Partial<TicketFact> = {}): TicketFact =>
  ticketFact(id, {
    createdAt: daysAgo(1),
    updatedAt: daysAgo(1),
    priority: 'normal',
    channel: 'email',
    ...o,
  });

export const call = (id: string, o: Partial<CallFact> = {}): CallFact =>
  callFact(id, { startedAt: daysAgo(1), ...o });

export const issue = (id: string, o: Partial<IssueFact> = {}): IssueFact =>
  issueFact(id, { priority: 'Medium', createdAt: daysAgo(1), updatedAt: daysAgo(1), ...o });

export { accountFact as account } from '../support/facts.ts';

/** Writes facts, each linked to the account given beside it (accounts themselves need none). */
export async function write(
  store: Store,
  items: (Fact | [Exclude<Fact, AccountFact>, string | string[]])[],
): Promise<void> {
  const upserts: Fact[] = [];
  const links: AccountLink[] = [];
  for (const item of items) {
    if (!Array.isArray(item)) {
      upserts.push(item);
      continue;
    }
    const [fact, to] = item;
    upserts.push(fact);
    for (const accountId of Array.isArray(to) ? to : [to])
      links.push({ entity: fact.kind, entityId: fact.id, accountId, rule: 'test' });
  }
  await store.facts.commitPage('test', { upserts, deletes: [], links }, { value: null, fingerprint: 'test' });
}

export const memoryStore = (): SqliteStore => openSqliteStore(':memory:');

/** The shipped mappings, parsed (the tests read them as ops would). */
export function shippedMappings(): Mappings {
  const dir = join(import.meta.dirname, '..', '..', 'mappings');
  const texts: Partial<Record<MappingName, string>> = {};
  for (const [name, { file }] of Object.entries(MAPPING_FILES) as [MappingName, { file: string }][])
    texts[name] = readFileSync(join(dir, file), 'utf8');
  const result = validateMappingTexts(texts, dir);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.loaded.mappings;
}

/** The shipped zendesk.yaml's category and escalation rules, as the metrics and signals read them. */
export const shippedTicketMaps = (): TicketMaps => metricSettings(shippedMappings()).tickets;

/** Settings with round numbers, so expected values are easy to work out by hand. */
export const SETTINGS: MetricSettings = {
  sla: {
    firstReplyMinutes: { urgent: 30, high: 60, normal: 120, low: 240 },
    resolutionMinutes: { urgent: 100, high: 200, normal: 400, low: 800 },
    byCategory: { complaint: { resolutionMinutes: 50 }, billing: { firstReplyMinutes: 10 } },
  },
  // Each category has a tag of its name; the tag `escalated` escalates.
  tickets: {
    categoryValues: [],
    categoryTags: ['complaint', 'billing', 'chargeback', 'failed_payout'].map((c) => [c, c] as const),
    escalation: { tags: ['escalated'], priorities: [], groups: [] },
  },
  bugs: { priorityWeights: { Highest: 5, High: 3, Medium: 1.5 }, ageWeightPerDay: 0.02, bugTypes: ['Bug'] },
};

/** One metric for every account (or one), as the scorer asks the store for it. */
export function metric(
  store: Store,
  id: MetricId,
  windowDays: number,
  o: {
    params?: Record<string, string | number>;
    settings?: MetricSettings;
    now?: number;
    accountId?: string;
  } = {},
): Promise<Map<string, MetricValue>> {
  const query = metricQuery({
    spec: { metric: id, windowDays, params: o.params ?? {} },
    settings: o.settings ?? SETTINGS,
    now: o.now ?? NOW,
  });
  return store.metrics
    .compute([query], o.accountId === undefined ? undefined : [o.accountId])
    .then(([values]) => values!);
}
