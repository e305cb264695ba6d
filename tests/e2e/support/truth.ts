import type { Dataset } from '../../../src/sandbox/dataset/dataset.ts';
import type { StoreSnapshot } from './snapshots.ts';

/**
 * The generator's ground truth in the store's terms: which ids each kind of fact must have, and
 * the account (and rule) each linked fact must land on. Deleted tickets must be absent.
 */
export interface ExpectedFacts {
  ids: { ticket: Set<string>; call: Set<string>; issue: Set<string>; organization: Set<string> };
  /** `entity:id` → `account (rule)` for every fact the truth says matches. */
  links: Map<string, string>;
}

/** The shipped jira.yaml reads `project in (PAY, API) AND issuetype = Bug`. */
export function readByJql(ds: Dataset, index: number): boolean {
  const m = ds.issues.latest(index);
  return m !== undefined && m.type === 'Bug' && (m.project === 'PAY' || m.project === 'API');
}

/** `mediaTypes`: genesys.yaml's media_types (the shipped mappings read voice calls only). */
export function expectedFacts(ds: Dataset, mediaTypes: readonly string[] = ['voice']): ExpectedFacts {
  const ids: ExpectedFacts['ids'] = {
    ticket: new Set(),
    call: new Set(),
    issue: new Set(),
    organization: new Set(),
  };
  const links = new Map<string, string>();
  for (const t of ds.truth.tickets()) {
    if (t.deleted) continue;
    ids.ticket.add(String(t.id));
    if (t.account) links.set(`ticket:${t.id}`, `${t.account} (${t.rule})`);
  }
  let index = 0;
  for (const c of ds.truth.calls()) {
    const media = ds.calls.latest(index++)?.mediaType;
    if (!media || !mediaTypes.includes(media)) continue;
    ids.call.add(c.conversationId);
    if (c.account) links.set(`call:${c.conversationId}`, `${c.account} (${c.rule})`);
  }
  index = 0;
  for (const i of ds.truth.issues()) {
    if (!readByJql(ds, index++)) continue;
    ids.issue.add(i.id);
    for (const a of i.accounts) links.set(`issue:${i.id}`, `${a} (${i.rule})`);
  }
  for (const o of ds.truth.organizations()) {
    ids.organization.add(String(o.id));
    if (o.account) links.set(`organization:${o.id}`, `${o.account} (${o.rule})`);
  }
  return { ids, links };
}

/** The store's links as `entity:id` → `account (rule)` (issues may link to several accounts). */
export function storedLinks(s: StoreSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of s.links) {
    const m = /^(\w+:\S+)→(\S+) \((.+)\)$/.exec(line);
    if (m) out.set(m[1]!, `${m[2]} (${m[3]})`);
  }
  return out;
}

export interface LinkAgreement {
  expected: number;
  agree: number;
  /** Linked in the store, unmatched in the truth (or the other way), or to another account. */
  disagree: string[];
}

export function compareLinks(expected: Map<string, string>, stored: Map<string, string>): LinkAgreement {
  const disagree: string[] = [];
  let agree = 0;
  for (const [k, v] of expected) {
    if (stored.get(k) === v) agree++;
    else disagree.push(`${k}: truth ${v}, store ${stored.get(k) ?? 'unmatched'}`);
  }
  for (const [k, v] of stored) if (!expected.has(k)) disagree.push(`${k}: truth unmatched, store ${v}`);
  return { expected: expected.size, agree, disagree };
}

export const sorted = (s: Iterable<string>): string[] => [...s].sort();
