import type { FactKind } from '../../../src/facts/schemas.ts';
import { openStore, type StoreConfig } from '../../../src/store/open-store.ts';
import type { Sandbox } from '../../../src/sandbox/start.ts';
import { getJson } from './sandbox.ts';

/**
 * What a run leaves behind, in comparable form: the store's facts and links (read with
 * openStore after the CLI exits) and the simulated org's Account health fields and Tasks.
 */
export const FACT_KINDS: FactKind[] = ['account', 'organization', 'ticket', 'call', 'issue'];

export interface StoreSnapshot {
  /** Per kind: id → the fact as JSON. */
  facts: Record<FactKind, Map<string, string>>;
  /** `entity:id→account (rule)`, sorted. */
  links: string[];
  scores: Map<string, { score: number | null; status: string }>;
  cursors: Map<string, string>;
}

export async function readStore(where: StoreConfig): Promise<StoreSnapshot> {
  const store = await openStore(where);
  try {
    const facts = {} as StoreSnapshot['facts'];
    for (const kind of FACT_KINDS) {
      const m = new Map<string, string>();
      for await (const f of store.facts.iterate(kind)) m.set(f.id, JSON.stringify(f));
      facts[kind] = m;
    }
    const links: string[] = [];
    for (const entity of ['ticket', 'organization', 'call', 'issue'] as const)
      for await (const chunk of store.links.chunks(entity))
        for (const l of chunk) links.push(`${l.entity}:${l.entityId}→${l.accountId} (${l.rule})`);
    links.sort();
    const scores = new Map(
      [...(await store.scores.latestAll())].map(([id, s]) => [id, { score: s.score, status: s.status }]),
    );
    const cursors = new Map((await store.cursors.list()).map((c) => [c.stream, JSON.stringify(c.value)]));
    return { facts, links, scores, cursors };
  } finally {
    await store.close();
  }
}

export const factCounts = (s: StoreSnapshot): Record<FactKind, number> =>
  Object.fromEntries(FACT_KINDS.map((k) => [k, s.facts[k].size])) as Record<FactKind, number>;

/** The health fields health-sync writes (mappings/salesforce.yaml), without the run's timestamp. */
export const HEALTH_FIELDS = [
  'Health_Score__c',
  'Health_Status__c',
  'Health_Trend_30d__c',
  'Health_Drivers__c',
  'Health_Scorecard_Version__c',
  'Health_CSAT__c',
];

export interface OrgSnapshot {
  /** Account Id → its health fields. */
  accounts: Map<string, Record<string, unknown>>;
  /** `WhatId|alert key` → how many Tasks carry that alert's marker. */
  tasksByAlert: Map<string, number>;
  taskCount: number;
}

interface SimState {
  accounts: Record<string, unknown>[];
  tasks: Record<string, unknown>[];
}

/** The marker src/writeback/task-text.ts puts in each Task's Description. */
const MARKER = /health-sync alert: (\S+)/;

export async function readOrg(sandbox: Sandbox): Promise<OrgSnapshot> {
  const state = await getJson<SimState>(`${sandbox.urls.salesforce}/__sandbox/state`);
  const accounts = new Map<string, Record<string, unknown>>();
  for (const a of state.accounts)
    accounts.set(String(a['Id']), Object.fromEntries(HEALTH_FIELDS.map((f) => [f, a[f] ?? null])));
  const tasksByAlert = new Map<string, number>();
  for (const t of state.tasks) {
    const description = typeof t['Description'] === 'string' ? t['Description'] : '';
    const key = MARKER.exec(description)?.[1] ?? '(no marker)';
    const k = `${String(t['WhatId'])}|${key}`;
    tasksByAlert.set(k, (tasksByAlert.get(k) ?? 0) + 1);
  }
  return { accounts, tasksByAlert, taskCount: state.tasks.length };
}

/** Simulator request counters: the Salesforce sim's own, and /__sandbox/stats of the other three. */
export async function writeRequests(sandbox: Sandbox): Promise<number> {
  return (await getJson<{ writeRequests: number }>(`${sandbox.urls.salesforce}/__sandbox/stats`))
    .writeRequests;
}

export interface SimStats {
  requests: Record<string, number>;
  statuses: Record<string, number>;
  total: number;
  faults: Record<string, number>;
}

export const simStats = (baseUrl: string): Promise<SimStats> =>
  getJson<SimStats>(`${baseUrl}/__sandbox/stats`);

/** Differences between two maps of JSON strings, for readable failures (first few only). */
export function mapDiff(a: Map<string, string>, b: Map<string, string>, limit = 5): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(`${k}: ${v} ≠ ${b.get(k) ?? '(missing)'}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k}: (missing) ≠ ${b.get(k)}`);
  return out.slice(0, limit);
}
