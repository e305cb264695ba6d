/* eslint-disable @typescript-eslint/no-explicit-any -- vendor JSON bodies, checked by the assertions */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AccountsMapping } from '../../../src/config/mappings/accounts.ts';
import { DEFAULT_MATCH_RULES } from '../../../src/sandbox/dataset/match-rules.ts';
import { createDataset } from '../../../src/sandbox/dataset/dataset.ts';
import { conversationJson } from '../../../src/sandbox/genesys/records.ts';
import { issueJson, selectFields } from '../../../src/sandbox/jira/records.ts';
import { organizationJson, ticketJson, userJson } from '../../../src/sandbox/zendesk/records.ts';
import { NOW } from '../helpers.ts';

/**
 * The ground truth agrees with what the APIs expose: resolving each record from its served JSON
 * (Zendesk ticket + side-loaded user + organization, Genesys conversation, Jira issue fields) and
 * the Salesforce Account fields, with the rules of mappings/accounts.yaml applied independently
 * here, lands on the account the truth names. It also shows every kind of link key in use.
 */
const ds = createDataset({ seed: 21, accounts: 120, now: NOW });
ds.mutate({ share: 0.02, seed: 5, at: NOW + 3_600_000 });
const ORIGIN = 'http://127.0.0.1';
const FREE_MAIL = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
];

const domainOf = (website: string): string =>
  website
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '');
function e164(phone: string): string {
  const main = phone.replace(/\s*(ext\.?|x)\s*\d+$/i, '');
  const digits = main.replace(/\D/g, '');
  if (main.trim().startsWith('+')) return `+${digits}`;
  return digits.length === 11 && digits.startsWith('1') ? `+${digits}` : `+1${digits}`;
}

const accounts = [...ds.salesforceAccounts()];
const byId = new Map<string, string>();
const byDomain = new Map<string, string>();
const byPhone = new Map<string, string>();
for (const a of accounts) {
  const id = String(a['Id']);
  byId.set(id, id);
  byId.set(id.slice(0, 15), id);
  byDomain.set(domainOf(String(a['Website'])), id);
  byPhone.set(e164(String(a['Phone'])), id);
}

function ticketAccount(id: number): { account: string | null; rule: string | null } {
  const t = ticketJson(ds.tickets.latest(id - 1)!, ORIGIN);
  const user = userJson(ds.user(Number(t['requester_id']))!, ORIGIN);
  const org =
    t['organization_id'] === null
      ? null
      : organizationJson(ds.organization(Number(t['organization_id']))!, ORIGIN);
  const ext = org?.['external_id'];
  if (typeof ext === 'string' && byId.has(ext))
    return { account: byId.get(ext)!, rule: 'zendesk-org-external-id' };
  for (const d of (org?.['domain_names'] as string[] | undefined) ?? [])
    if (byDomain.has(d)) return { account: byDomain.get(d)!, rule: 'zendesk-org-domain' };
  const domain = String(user['email']).split('@')[1]!;
  if (!FREE_MAIL.includes(domain) && byDomain.has(domain))
    return { account: byDomain.get(domain)!, rule: 'zendesk-requester-domain' };
  return { account: null, rule: null };
}

describe('ground truth', () => {
  it('follows the rules of the shipped mappings/accounts.yaml', () => {
    const shipped = AccountsMapping.parse(parse(readFileSync('mappings/accounts.yaml', 'utf8')));
    expect(DEFAULT_MATCH_RULES).toEqual(shipped.rules);
  });

  it('names the account each ticket resolves to from its served JSON', () => {
    const rules = new Map<string | null, number>();
    for (const truth of ds.truth.tickets()) {
      const found = ticketAccount(truth.id);
      expect({ id: truth.id, ...found }).toEqual({ id: truth.id, account: truth.account, rule: truth.rule });
      rules.set(truth.rule, (rules.get(truth.rule) ?? 0) + 1);
    }
    for (const r of ['zendesk-org-external-id', 'zendesk-org-domain', 'zendesk-requester-domain', null])
      expect(rules.get(r) ?? 0).toBeGreaterThan(0);
    // Some organizations carry the 15-character Account Id, which must still match.
    expect(ds.organizations().some((o) => o.externalId?.length === 15 && byId.has(o.externalId))).toBe(true);
  });

  it('names the account of each call from its customer participant', () => {
    const rules = new Map<string | null, number>();
    for (let i = 0; i < ds.calls.total(); i++) {
      const conv = conversationJson(ds.calls.latest(i)!);
      const customer = (conv['participants'] as any[]).find((p) => p.purpose === 'customer');
      const session = customer.sessions[0];
      const number = String(conv['originatingDirection'] === 'inbound' ? session.ani : session.dnis).replace(
        /^tel:/,
        '',
      );
      const account =
        (customer.externalOrganizationId && byId.get(customer.externalOrganizationId)) ||
        byPhone.get(number) ||
        null;
      const truth = ds.truth.call(i)!;
      expect(truth.conversationId).toBe(conv['conversationId']);
      expect(account).toBe(truth.account);
      rules.set(truth.rule, (rules.get(truth.rule) ?? 0) + 1);
    }
    for (const r of ['genesys-external-org', 'genesys-caller-phone', null])
      expect(rules.get(r) ?? 0).toBeGreaterThan(0);
  });

  it('names the accounts of each issue from its Jira fields or its linked tickets', () => {
    const rules = new Map<string | null, number>();
    const fields = selectFields(['customfield_10050', 'customfield_10051']);
    for (let i = 0; i < ds.issues.total(); i++) {
      const f = issueJson(ds.issues.latest(i)!, fields, ORIGIN, 'UTC')['fields'] as Record<
        string,
        string | null
      >;
      const split = (v: string | null | undefined): string[] => (v ? v.split(',').map((s) => s.trim()) : []);
      let accounts = [
        ...new Set(split(f['customfield_10050']).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))),
      ];
      if (!accounts.length)
        accounts = [
          ...new Set(
            split(f['customfield_10051']).flatMap((t) => {
              const truth = ds.truth.ticket(Number(t));
              return truth && !truth.deleted && truth.account ? [truth.account] : [];
            }),
          ),
        ];
      const truth = ds.truth.issue(i)!;
      expect(accounts.sort()).toEqual([...truth.accounts].sort());
      rules.set(truth.rule, (rules.get(truth.rule) ?? 0) + 1);
    }
    for (const r of ['jira-account-field', 'jira-linked-ticket', null])
      expect(rules.get(r) ?? 0).toBeGreaterThan(0);
  });

  it('resolves every organization, stale ones to nothing', () => {
    const orgs = ds.truth.organizations();
    expect(orgs.filter((o) => o.account === null).length).toBe(ds.ctx.staleOrgs.length);
    expect(orgs.filter((o) => o.rule === 'zendesk-org-domain').length).toBeGreaterThan(0);
  });
});
