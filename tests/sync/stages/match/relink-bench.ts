/**
 * Measures a full relink over a large synthetic store (not a test: no timing assertions in unit tests).
 *   node tests/sync/stages/match/relink-bench.ts [tickets=1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountFact, Fact, OrganizationFact, TicketFact } from '../../../../src/facts/schemas.ts';
import { relinkAccounts } from '../../../../src/sync/stages/match/relink.ts';
import { openSqliteStore } from '../../../../src/store/open-sqlite.ts';
import { ticketFact } from '../../../support/facts.ts';
import { accountsMapping } from '../../../match/fixtures.ts';

const tickets = Number(process.argv[2] ?? 1_000_000);
const accounts = 5_000;
const orgs = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'relink-bench-'));
const store = openSqliteStore(join(dir, 'bench.db'));
const id18 = (n: number): string => `001${String(n).padStart(12, '0')}AAA`;

const account = (n: number): AccountFact => ({
  kind: 'account',
  id: id18(n),
  name: `Account ${n}`,
  ownerId: null,
  tier: null,
  domain: `acct${n}.example`,
  phoneKey: null,
  fields: {},
  systemModstamp: 0,
});
const org = (n: number): OrganizationFact => ({
  kind: 'organization',
  id: String(n),
  name: null,
  // Half the organizations carry the Account Id, a quarter only a domain, a quarter nothing usable.
  externalId: n % 2 === 0 ? id18(n % accounts) : null,
  domains: n % 4 === 1 ? [`acct${n % accounts}.example`] : [],
  updatedAt: 0,
});
const ticket = (n: number): TicketFact =>
  ticketFact(String(n), {
    organizationId: n % 10 === 0 ? null : String(n % orgs),
    requesterDomain: n % 10 === 0 ? `acct${n % accounts}.example` : 'gmail.com',
  });

/** Wall and CPU time: the machine may be shared, and CPU time is the steadier figure. */
let cpu = process.cpuUsage();
const begin = (): number => {
  cpu = process.cpuUsage();
  return performance.now();
};
const took = (t: number): string => {
  const used = process.cpuUsage(cpu);
  return `${Math.round(performance.now() - t)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU`;
};

const write = (facts: Fact[]): Promise<void> =>
  store.facts.commitPage('bench', { upserts: facts, deletes: [] }, { value: null, fingerprint: 'x' });

let t = begin();
await write(Array.from({ length: accounts }, (_, i) => account(i)));
await write(Array.from({ length: orgs }, (_, i) => org(i)));
for (let i = 0; i < tickets; i += 10_000)
  await write(Array.from({ length: Math.min(10_000, tickets - i) }, (_, j) => ticket(i + j)));
console.log(`seeded ${tickets} tickets: ${took(t)}`);

const mappings = { accounts: accountsMapping() };
for (const label of ['first relink (all links new)', 'second relink (no change)']) {
  t = begin();
  const stats = await relinkAccounts(store, mappings);
  console.log(`${label}: ${took(t)}, changed ${stats.changed}, tickets`, stats.entities.ticket);
}
t = begin();
const skipped = await relinkAccounts(store, mappings, { onlyChanged: true });
console.log(`onlyChanged, nothing changed: ${took(t)}, mode ${skipped.mode}`);
await write(
  Array.from({ length: 1000 }, (_, i) => ({ ...ticket(i * 7), organizationId: String((i * 7 + 1) % orgs) })),
);
t = begin();
const some = await relinkAccounts(store, mappings, { onlyChanged: true });
console.log(`onlyChanged, 1000 tickets moved: ${took(t)}, mode ${some.mode}, changed ${some.changed}`);
await write([account(accounts + 1)]);
t = begin();
const all = await relinkAccounts(store, mappings, { onlyChanged: true });
console.log(`onlyChanged, one new account: ${took(t)}, mode ${all.mode}`);
console.log(`rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
await store.close();
rmSync(dir, { recursive: true, force: true });
