import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reread } from '../../src/facts/reread.ts';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import { runCli, streamTotals } from './support/cli.ts';
import { openWorld, type E2eWorld } from './support/sandbox.ts';

/** A copy of the world's mappings with one file's text edited. */
function proposal(w: E2eWorld, name: string, file: string, edit: (text: string) => string): string {
  const dir = join(w.dir, name);
  cpSync(w.env().MAPPINGS_DIR!, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`${name}: the edit changed nothing in ${file}`);
  writeFileSync(path, after);
  return dir;
}

/**
 * Issue 18: an edit that only re-interprets stored fields (an SLA minute, a category or escalation
 * rule: a ticket fact keeps its tags, category field values and group) re-reads nothing; one that
 * needs what the store does not keep (a risk keyword: no ticket text is stored) re-reads the Zendesk
 * tickets alone, and `validate` and `preview` say so beforehand, with the requests and the minutes
 * at Zendesk's documented export limit.
 */
describe('what a mapping edit makes the next sync read again', { timeout: 120_000 }, () => {
  let w: E2eWorld;
  let tickets: number;
  beforeAll(async () => {
    w = await openWorld();
    const first = await runCli(['sync', '--json'], w.env());
    expect(first.code, first.stderr.slice(-2000)).toBe(0);
    const store = openSqliteStore(w.dbPath());
    tickets = (await store.facts.counts()).ticket;
    await store.close();
    expect(tickets).toBeGreaterThan(1000);
  });
  afterAll(() => w.close());

  const predicted = async (dir: string): Promise<{ validate: Reread[]; preview: Reread[]; text: string }> => {
    const validate = await runCli(['validate', '--offline', '--json', '--mappings', dir], w.env());
    expect(validate.code, validate.stderr).toBe(0);
    const preview = await runCli(['preview', '--json', '--mappings', dir], w.env());
    expect(preview.code, preview.stderr).toBe(0);
    const text = await runCli(['preview', '--mappings', dir], w.env());
    return {
      validate: (JSON.parse(validate.stdout) as { reread: Reread[] }).reread,
      preview: (JSON.parse(preview.stdout) as { reread: Reread[] }).reread,
      text: text.stdout,
    };
  };

  it('an SLA minute: nothing is predicted', async () => {
    const dir = proposal(w, 'sla', 'zendesk.yaml', (t) =>
      t.replace(
        'first_reply_minutes: { urgent: 30, high: 120, normal: 480,',
        'first_reply_minutes: { urgent: 30, high: 120, normal: 481,',
      ),
    );
    const p = await predicted(dir);
    expect(p.validate).toEqual([]);
    expect(p.preview).toEqual([]);
    expect(p.text).toContain('Re-read: none; every stream keeps its cursor.');

    // tests/connectors/zendesk/streams.test.ts shows the export going on from its cursor.
  });

  /** Each account's measure values in the latest saved scores, by measure id. */
  const measures = async (): Promise<Map<string, Map<string, number | null>>> => {
    const store = openSqliteStore(w.dbPath());
    const latest = await store.scores.latestAll();
    await store.close();
    return new Map([...latest].map(([id, s]) => [id, new Map(s.measures.map((m) => [m.id, m.value]))]));
  };

  // Before the risk keyword's run: that one leaves the tickets' cursor under another fingerprint.
  it('a category tag and an escalation tag: nothing is predicted or re-read, and the scores follow them', async () => {
    const dir = proposal(w, 'rules', 'zendesk.yaml', (t) =>
      t
        .replace('      invoice: billing\n', '      invoice: complaint\n')
        .replace(
          'tags: [escalated, tier2_escalation, exec_escalation]',
          'tags: [escalated, tier2_escalation, exec_escalation, vip]',
        ),
    );
    const p = await predicted(dir);
    expect(p.validate).toEqual([]);
    expect(p.preview).toEqual([]);
    expect(p.text).toContain('Re-read: none; every stream keeps its cursor.');

    const before = await measures();
    const run = await runCli(['sync', '--json'], w.env(undefined, { MAPPINGS_DIR: dir }));
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes('starting over'))).toEqual([]);
    // From its cursor: the one page that says the export is done, no ticket in it.
    const zendesk = streamTotals(run.stderr).get('zendesk.tickets')!;
    expect(zendesk.upserts).toBe(0);
    expect(zendesk.pages).toBeLessThanOrEqual(1);

    // The stored tickets under the new rules: VIP (Enterprise, Strategic) tickets are escalated now,
    // so no escalation rate falls and some rise; invoice tickets count as complaints.
    const after = await measures();
    const changed = (id: string) =>
      [...after].filter(([account, m]) => m.get(id) !== before.get(account)?.get(id)).length;
    const rose = [...after].filter(
      ([account, m]) => (m.get('escalations') ?? 0) > (before.get(account)?.get('escalations') ?? 0),
    ).length;
    const fell = [...after].filter(
      ([account, m]) => (m.get('escalations') ?? 0) < (before.get(account)?.get('escalations') ?? 0),
    ).length;
    expect(rose).toBeGreaterThan(0);
    expect(fell).toBe(0);
    expect(changed('complaints')).toBeGreaterThan(0);
  });

  it('a risk keyword: the Zendesk tickets alone, as predicted', async () => {
    const dir = proposal(w, 'risk', 'zendesk.yaml', (t) =>
      t.replace('  risk_keywords:\n', '  risk_keywords:\n    - chargeback storm\n'),
    );
    const p = await predicted(dir);
    const expected: Reread = {
      source: 'zendesk',
      stream: 'zendesk.tickets',
      records: tickets,
      requests: Math.floor(tickets / 1000) + 1,
      // Zendesk's incremental export: 10 requests a minute.
      minutes: Math.ceil(((Math.floor(tickets / 1000) + 1) / 10) * 10) / 10,
      limit: '10 requests per minute',
    };
    expect(p.validate).toEqual([expected]);
    expect(p.preview).toEqual([expected]);
    expect(p.text).toMatch(
      /Re-read: zendesk\.tickets starts over \(its settings changed\): [\d,]+ records, about \d+ requests, [\d.]+ min at 10 requests per minute/,
    );

    const run = await runCli(['sync', '--json'], w.env(undefined, { MAPPINGS_DIR: dir }));
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const restarted = run.stderr
      .split('\n')
      .filter((l) => l.includes('starting over'))
      .map((l) => (JSON.parse(l) as { stream: string }).stream);
    expect(restarted).toEqual(['zendesk.tickets']);
    const streams = streamTotals(run.stderr);
    expect(streams.get('zendesk.tickets')!.pages).toBe(expected.requests);
    expect(streams.get('jira.issues')!.upserts).toBe(0);
    expect(streams.get('genesys.calls')!.upserts).toBe(0);
  });
});
