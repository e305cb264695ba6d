import type { PgBoss } from 'pg-boss';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueueSync } from '../../src/queue/enqueue.ts';
import type { PostgresStore } from '../../src/store/open-postgres.ts';
import { openStore } from '../../src/store/open-store.ts';
import { tenantDatabaseUrl, tenantSchema } from '../../src/tenants/index.ts';
import { allOutputLines } from '../e2e/support/cli.ts';
import { cleanOutcome, expectSameOutcome, type Outcome } from '../e2e/support/converge.ts';
import { arm, type KillPoint, type Killer } from '../e2e/support/kill.ts';
import { E2E_HASH_KEY, openWorld, type E2eWorld } from '../e2e/support/sandbox.ts';
import { credentialValues, leakyLines } from '../e2e/support/secrets.ts';
import { readOrg, readStore } from '../e2e/support/snapshots.ts';
import { withWorld } from '../e2e/support/world.ts';
import { pinnedClockEnv } from '../support/test-clock.ts';
import {
  dropSchemas,
  freshQueueEnv,
  postgresReachable,
  testBoss,
  urlWithSchema,
} from './support/postgres.ts';
import { applyScorecard, tenantsFile, type TenantSpec } from './support/tenant-worlds.ts';
import { WorkerPool } from './support/worker-pool.ts';
import { settled } from './support/settled.ts';

/**
 * Three client companies, each with its own sandbox (a seed of its own: no Account Id in common) and
 * its own scorecard (its own version, and for two of them a weight or a status bar that moves their
 * scores): a run on another tenant's mappings or rows would show in the fields it writes.
 */
const TENANTS: TenantSpec[] = [
  { id: 'alpha', seed: 11, version: '2026.12-1-alpha', edits: [] },
  // CSAT weighs 45 instead of 20 (the first measure's weight is the only 4-space `weight: 20` line).
  {
    id: 'beta',
    seed: 12,
    version: '2026.12-1-beta',
    edits: [{ line: /^ {4}weight: 20$/m, to: '    weight: 45' }],
  },
  {
    id: 'gamma',
    seed: 13,
    version: '2026.12-1-gamma',
    edits: [{ line: /^ {2}green: 70 .*$/m, to: '  green: 80' }],
  },
];

/** One kill per tenant, each at another stage: a source's pagination, the write-back, another source. */
const KILLS: { tenant: string; point: KillPoint }[] = [
  { tenant: 'alpha', point: { name: 'Zendesk tickets, 3rd page', page: { sim: 'zendesk', n: 3 } } },
  {
    tenant: 'beta',
    point: {
      name: 'Salesforce write-back, collections update sent, answer lost',
      salesforce: { endpoint: 'collections.update', n: 1 },
    },
  },
  { tenant: 'gamma', point: { name: 'Genesys calls, 60th window', page: { sim: 'genesys', n: 60 } } },
];

const secrets = new Set<string>();
const schemas: string[] = [];
afterAll(async () => {
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
  if (postgresReachable) await dropSchemas(...schemas);
});

/** Ids the org was asked for and does not hold (a lookup, an update, a Task's WhatId). */
function recordUnknownIds(w: E2eWorld): Set<string> {
  const state = w.sandbox.sims.salesforce.state;
  const unknown = new Set<string>();
  const find = state.findRecord.bind(state);
  state.findRecord = (id: string) => {
    const found = find(id);
    if (!found) unknown.add(id);
    return found;
  };
  return unknown;
}

const versionOf = (spec: TenantSpec): RegExp => new RegExp(`^${spec.version.replace(/\./g, '\\.')}\\+\\w+$`);

const accountIds = (w: E2eWorld): Set<string> => new Set(w.sandbox.dataset.accounts().map((a) => a.id));

/**
 * Issue 21, done when: three tenants on two workers, each scored and written to its own Salesforce,
 * no cross-tenant row in any query's result, and kills of a worker at three points converge. Each
 * tenant must end exactly where one clean `sync` of that tenant alone ends (its reference).
 */
describe.skipIf(!postgresReachable)('three tenants on two workers', { timeout: 420_000 }, () => {
  it('a worker SIGKILLed at three points: every tenant ends as its clean run, and none sees another', async () => {
    const began = Date.now();
    const references: Outcome[] = await Promise.all(
      TENANTS.map((spec) =>
        withWorld({ seed: spec.seed }, secrets, (w) => {
          applyScorecard(w, spec);
          return cleanOutcome(w);
        }),
      ),
    );
    const referencesSeconds = (Date.now() - began) / 1000;

    const worlds: E2eWorld[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'hs-multi-tenant-'));
    const queue = freshQueueEnv(10);
    const storeBase = `hs_mt_${randomBytes(5).toString('hex')}`;
    const storeUrl = urlWithSchema(storeBase);
    schemas.push(queue.schema, storeBase, ...TENANTS.map((t) => tenantSchema(storeUrl, t.id)));
    let boss: PgBoss | undefined;
    let pool: WorkerPool | undefined;
    const killers: Killer[] = [];
    try {
      for (const spec of TENANTS) {
        const w = await openWorld({ seed: spec.seed });
        worlds.push(w);
        applyScorecard(w, spec);
      }
      // One worker process serves all three: their simulators must read the same time as it does.
      const now = worlds[0]!.sandbox.clock.now();
      for (const w of worlds) w.sandbox.clock.set(now);
      const unknownIds = worlds.map(recordUnknownIds);
      const owned = worlds.map(accountIds);

      const tenants = tenantsFile(
        TENANTS.map((spec, i) => ({ spec, world: worlds[i]! })),
        [{ tenant: 'gamma', name: 'SF_CLIENT_SECRET', path: join(dir, 'gamma-sf-secret') }],
      );
      writeFileSync(join(dir, 'tenants.json'), tenants.yaml);
      const env = {
        TENANTS_FILE: join(dir, 'tenants.json'),
        HEALTH_SYNC_DATABASE_URL: storeUrl,
        HEALTH_SYNC_DB: join(dir, 'health-sync.db'),
        HEALTH_SYNC_QUEUE_SCHEMA: queue.schema,
        HEALTH_SYNC_QUEUE_HEARTBEAT_SECONDS: '10',
        HEALTH_SYNC_HASH_KEY: E2E_HASH_KEY,
        HEALTH_SYNC_RATE_LIMITS: 'off',
        LOG_LEVEL: 'info',
        ...pinnedClockEnv(worlds[0]!.sandbox.clock.now()),
        ...tenants.env,
      };

      boss = await testBoss(queue);
      const ids: string[] = [];
      for (const t of TENANTS) {
        const id = await enqueueSync(boss, {
          tenant: t.id,
          sources: ['zendesk', 'genesys', 'jira', 'salesforce'],
          trigger: 'test',
        });
        expect(id).toEqual(expect.any(String));
        ids.push(id!);
      }

      pool = new WorkerPool(env, 2);
      for (const k of KILLS) {
        const killer = arm(worlds[TENANTS.findIndex((t) => t.id === k.tenant)]!.sandbox, k.point);
        killer.target = pool.targetOf(k.tenant, k.point.name);
        killers.push(killer);
      }
      const started = Date.now();
      pool.fill();
      const jobs = await Promise.all(ids.map((id) => settled(boss!, id, started + 300_000)));
      const runSeconds = (Date.now() - started) / 1000;
      for (const k of killers) k.disarm();
      const stopped = await pool.stop();

      // The kills: each fired once, on the worker running that tenant's job, and another worker retried it.
      expect(pool.problems).toEqual([]);
      expect(killers.map((k) => k.fired)).toEqual([true, true, true]);
      expect(pool.kills.map((k) => k.tenant)).toEqual(expect.arrayContaining(['alpha', 'beta', 'gamma']));
      expect(pool.kills).toHaveLength(3);
      for (const [i, kill] of pool.kills.entries()) {
        const victim = pool.workers.find((w) => w.name === kill.worker)!;
        expect([kill.worker, victim.result?.signal]).toEqual([kill.worker, 'SIGKILL']);
        const retry = pool.nextStart(kill.tenant, kill.at);
        expect([kill.tenant, retry?.attempt]).toEqual([kill.tenant, expect.any(Number)]);
        console.log(
          `kill ${i + 1}: ${kill.worker} SIGKILLed during ${kill.tenant}'s ${kill.where}; job retried by ${retry!.worker} ${((retry!.at - kill.at) / 1000).toFixed(1)} s later (attempt ${retry!.attempt})`,
        );
        expect(retry!.worker).not.toBe(kill.worker);
      }
      console.log(
        `3 clean references ${referencesSeconds.toFixed(1)} s; 3 tenants on 2 workers with 3 kills ${runSeconds.toFixed(1)} s (${pool.workers.length} worker processes)`,
      );
      expect(jobs.map((j) => [(j.data as { tenant: string }).tenant, j.state])).toEqual(
        TENANTS.map((t) => [t.id, 'completed']),
      );
      for (const j of jobs) expect(j.retryCount).toBeGreaterThanOrEqual(1);
      const abandoned = pool.lines((l) =>
        l.includes('runs left running by a stopped worker were marked failed'),
      );
      for (const t of TENANTS)
        expect([t.id, abandoned.some((l) => l.includes(`"tenant":"${t.id}"`))]).toEqual([t.id, true]);
      expect(stopped.map((s) => [s.name, s.result.code])).toEqual(stopped.map((s) => [s.name, 0]));
      for (const s of stopped) expect(s.result.stderr).toContain('"worker stopped"');

      for (const [i, spec] of TENANTS.entries()) {
        const w = worlds[i]!;
        const store = { dbPath: w.dbPath(), databaseUrl: tenantDatabaseUrl(storeUrl, spec.id) };
        const got: Outcome = { store: await readStore(store), org: await readOrg(w.sandbox) };
        expectSameOutcome(got, references[i]!, `tenant ${spec.id}`);

        // Its org holds its own scorecard's results only, and was never asked for another tenant's Account.
        const versions = new Set(
          [...got.org.accounts.values()]
            .map((a) => a['Health_Scorecard_Version__c'])
            .filter((v) => v !== null),
        );
        // The written version is the file's, then `+` and a digest of the scorecard's content.
        expect([spec.id, [...versions]]).toEqual([spec.id, [expect.stringMatching(versionOf(spec))]]);
        const others = new Set(owned.filter((_, j) => j !== i).flatMap((s) => [...s]));
        expect([spec.id, [...unknownIds[i]!].filter((id) => others.has(id))]).toEqual([spec.id, []]);
        const state = w.sandbox.sims.salesforce.state;
        const whatIds = [...state.tables.Task.values()].map((t) => String(t['WhatId']));
        expect(whatIds.length).toBeGreaterThan(0);
        expect([spec.id, whatIds.filter((id) => !owned[i]!.has(id))]).toEqual([spec.id, []]);
      }

      // A test that tries: each tenant's store, asked for the others' Accounts, by the repositories
      // and by raw SQL on its own connection, finds none of them; unqualified tables are its own.
      for (const [i, spec] of TENANTS.entries()) {
        const store = (await openStore({
          dbPath: worlds[i]!.dbPath(),
          databaseUrl: tenantDatabaseUrl(storeUrl, spec.id),
        })) as PostgresStore;
        try {
          const own = owned[i]!;
          const others = owned.filter((_, j) => j !== i).flatMap((s) => [...s]);
          const label = `tenant ${spec.id}`;
          const accountFacts = await store.facts.ids('account');
          expect(accountFacts.length).toBeGreaterThan(0);
          expect([label, accountFacts.filter((id) => !own.has(id))]).toEqual([label, []]);
          for (const id of others.slice(0, 5)) {
            expect([label, id, await store.accounts.get(id)]).toEqual([label, id, undefined]);
            expect([label, id, await store.scores.latest(id)]).toEqual([label, id, undefined]);
          }
          const db = store.postgres;
          expect(await db.query('SELECT current_schema() AS s')).toEqual([
            { s: tenantSchema(storeUrl, spec.id) },
          ]);
          for (const [table, column] of [
            ['accounts', 'id'],
            ['scores', 'account_id'],
            ['account_links', 'account_id'],
            ['written_fields', 'account_id'],
            ['alerts', 'account_id'],
          ] as const) {
            const rows = await db.query<{ id: string }>(`SELECT DISTINCT ${column} AS id FROM ${table}`);
            expect([label, table, rows.length > 0]).toEqual([label, table, true]);
            expect([label, table, rows.filter((r) => !own.has(r.id))]).toEqual([label, table, []]);
            expect(
              await db.query(`SELECT ${column} AS id FROM ${table} WHERE ${column} = ANY($1)`, [others]),
            ).toEqual([]);
          }
          expect(await db.query('SELECT DISTINCT scorecard_version AS v FROM scores')).toEqual([
            { v: expect.stringMatching(versionOf(spec)) },
          ]);
          // The killed attempt's run was closed as failed by the worker that retried the job.
          const runs = await store.runs.list();
          expect([label, runs.map((r) => r.status)]).toEqual([label, ['succeeded', 'failed']]);
        } finally {
          await store.close();
        }
      }
    } finally {
      for (const k of killers) k.disarm();
      pool?.killAll();
      await boss?.stop({ graceful: false });
      for (const w of worlds) {
        for (const s of credentialValues(w.env(), w.sandbox)) secrets.add(s);
        await w.close();
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
