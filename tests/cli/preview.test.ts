import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseNow } from '../../src/cli/commands/preview.ts';
import type { Mappings } from '../../src/config/mappings/index.ts';
import { saveScores, scoreAccounts } from '../../src/sync/stages/score-accounts.ts';
import { previewAccount, previewMappings } from '../../src/sync/stages/preview.ts';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';
import { NOW, shippedMappings } from '../metrics/fixtures.ts';
import { writeScenario } from '../score/scenario.ts';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let db: string;
let proposedDir: string;

/** Every row of every table, to prove a preview changed nothing. */
function dump(path: string): string {
  const conn = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = conn
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    return JSON.stringify(
      tables.map(({ name }) => [name, conn.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    );
  } finally {
    conn.close();
  }
}

/** The shipped scorecard, except that enterprise accounts are yellow from 4 points up. */
function proposedMappings(current: Mappings): Mappings {
  const segments = current.scorecard.segments.map((s) =>
    s.name === 'enterprise' ? { ...s, status: { green: 75, yellow: 4 } } : s,
  );
  return { ...current, scorecard: { ...current.scorecard, version: 'proposed-1', segments } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'health-sync-preview-'));
  db = join(dir, 'state.db');
  const store = openSqliteStore(db);
  await writeScenario(store);
  // A saved run a week ago, so there is history and a latest score to leave alone.
  await saveScores(
    store,
    await scoreAccounts(store, shippedMappings(), NOW - 7 * 86_400_000),
    NOW - 7 * 86_400_000,
  );
  await store.close();
  proposedDir = join(dir, 'proposed');
  cpSync(join(root, 'mappings'), proposedDir, { recursive: true });
  const scorecard = readFileSync(join(proposedDir, 'scorecard.yaml'), 'utf8')
    .replace(/^version: .*$/m, 'version: "proposed-1"')
    .replace('status: { green: 75, yellow: 50 }', 'status: { green: 75, yellow: 4 }');
  writeFileSync(join(proposedDir, 'scorecard.yaml'), scorecard);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('previewMappings', () => {
  test('reports the accounts whose status changes, the score deltas and the movers, and writes nothing', async () => {
    const before = dump(db);
    const store = openSqliteStore(db);
    const current = shippedMappings();
    const report = await previewMappings(store, current, proposedMappings(current), NOW);
    await store.close();
    expect(dump(db)).toBe(before);
    expect(report.accounts).toBe(3);
    expect(report.statusChanges).toEqual([
      { accountId: 'TROUBLE', name: 'Trouble Inc', from: 'red', to: 'yellow', scoreFrom: 4.5, scoreTo: 4.5 },
    ]);
    expect(report.transitions).toEqual([{ from: 'red', to: 'yellow', count: 1 }]);
    expect(report.current.byStatus).toEqual({ green: 1, yellow: 0, red: 1, insufficient_data: 1 });
    expect(report.proposed.byStatus).toEqual({ green: 1, yellow: 1, red: 0, insufficient_data: 1 });
    expect(report.deltas.find((d) => d.bucket === 'within 1 point')?.count).toBe(2);
    expect(report.deltas.find((d) => d.bucket === 'no score either way')?.count).toBe(1);
    expect(report.deltas.reduce((n, d) => n + d.count, 0)).toBe(3);
    expect(report.biggestMovers).toEqual([]);
    expect(report.proposed.scorecardVersion).toMatch(/^proposed-1\+[0-9a-f]{6}$/);
    expect(report.tasks).toBe(0);
    // The histogram of scores by tens, before and after: the two scored accounts keep their scores.
    expect(report.histogram.current).toHaveLength(10);
    expect(report.histogram.current.reduce((n, c) => n + c, 0)).toBe(2);
    expect(report.histogram.proposed).toEqual(report.histogram.current);
    // The Salesforce writes the change causes: TROUBLE's status, and every account's version label.
    expect(report.writes?.changedFields['Health_Status__c']).toBe(1);
    expect(report.writes?.changedFields['Health_Scorecard_Version__c']).toBe(3);
    expect(report.writes?.changedFields['Health_Score__c']).toBeUndefined();
    expect(report.writes?.changedRecords).toBe(3);
    // Nothing confirmed yet: the next run writes every account either way.
    expect(report.writes?.proposed.records).toBe(3);
    expect(report.writes?.current.records).toBe(3);
  });

  test('movers: the largest changes first', async () => {
    const store = openSqliteStore(db);
    const current = shippedMappings();
    // Without the enterprise segment TROUBLE is scored with the base weights.
    const proposed = { ...current, scorecard: { ...current.scorecard, segments: [] } };
    const report = await previewMappings(store, current, proposed, NOW);
    await store.close();
    expect(report.biggestMovers.map((m) => m.accountId)).toEqual(['TROUBLE']);
    expect(report.biggestMovers[0]!.delta).not.toBe(0);
  });
});

test('previewAccount: the live breakdown and the last saved score', async () => {
  const store = openSqliteStore(db);
  const p = (await previewAccount(store, shippedMappings(), 'TROUBLE', NOW))!;
  expect(p.account).toEqual({ id: 'TROUBLE', name: 'Trouble Inc', tier: 'Enterprise' });
  expect(p.score).toMatchObject({ score: 4.5, status: 'red', segment: 'enterprise' });
  expect(p.saved?.computedAt).toBe(NOW - 7 * 86_400_000);
  expect(p.score.trend7d).toBe(round1(4.5 - p.saved!.score!));
  expect(await previewAccount(store, shippedMappings(), 'NOPE', NOW)).toBeUndefined();
  await store.close();
});

const round1 = (x: number): number => Math.round(x * 10) / 10;

test('parseNow reads ISO date-times and epoch milliseconds', () => {
  expect(parseNow('2026-11-20T12:00:00Z')).toBe(NOW);
  expect(parseNow(String(NOW))).toBe(NOW);
  expect(parseNow(undefined, () => 42)).toBe(42);
  expect(() => parseNow('yesterday')).toThrow(/--now/);
});

describe('health-sync preview (CLI)', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(root, 'src', 'cli', 'main.ts'), 'preview', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        HEALTH_SYNC_DB: db,
        MAPPINGS_DIR: join(root, 'mappings'),
        LOG_LEVEL: 'silent',
        ...env,
      },
    });
  const at = ['--now', new Date(NOW).toISOString()];

  test('--mappings --json: the status changes, and the store is unchanged', () => {
    const before = dump(db);
    const r = run(['--mappings', proposedDir, '--json', ...at]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.statusChanges).toEqual([
      { accountId: 'TROUBLE', name: 'Trouble Inc', from: 'red', to: 'yellow', scoreFrom: 4.5, scoreTo: 4.5 },
    ]);
    expect(report.current.scorecardVersion).toMatch(/^2026\.12-1\+[0-9a-f]{6}$/);
    expect(report.proposed.scorecardVersion).toMatch(/^proposed-1\+[0-9a-f]{6}$/);
    expect(report).toMatchObject({ tasks: 0, warnings: [] });
    expect(dump(db)).toBe(before);
  });

  test('--mappings warns when the scorecard content changed under the same version label', () => {
    const sameLabel = join(dir, 'same-label');
    cpSync(proposedDir, sameLabel, { recursive: true });
    const file = join(sameLabel, 'scorecard.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: "proposed-1"', 'version: "2026.12-1"'));
    const r = run(['--mappings', sameLabel, '--json', ...at]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).warnings).toEqual([
      expect.stringMatching(/^scorecard\.yaml changed but its version is still "2026\.12-1"/),
    ]);
    expect(run(['--mappings', sameLabel, ...at]).stdout).toMatch(/^warning: scorecard\.yaml changed/);
  });

  test('--mappings as a table', () => {
    const r = run(['--mappings', proposedDir, ...at]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 account changes status');
    expect(r.stdout).toContain('they would open no "health dropped" Task');
    expect(r.stdout).toContain('red → yellow: 1');
    expect(r.stdout).toMatch(/TROUBLE\s+Trouble Inc\s+red\s+yellow/);
  });

  test('--account: measures, score, status, trend, what pulls the score down and its strengths', () => {
    const r = run(['--account', 'TROUBLE', ...at]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Trouble Inc (TROUBLE), tier Enterprise');
    expect(r.stdout).toMatch(/score 4\.5 {2}status red {2}coverage 96%/);
    expect(r.stdout).toMatch(/CSAT\s+20%\s+20\s+0\s/);
    expect(r.stdout).toContain('Pulling the score down:\n  1. CSAT 20% over 20 ratings (target 90%)');
    const healthy = run(['--account', 'HEALTHY', ...at]).stdout;
    expect(healthy).toMatch(/status green/);
    expect(healthy).toContain('Pulling the score down:\n  Nothing below target\nStrengths:\n  1. ');
    const json = JSON.parse(run(['--account', 'TROUBLE', '--json', ...at]).stdout);
    expect(json.score.measures).toHaveLength(10);
  });

  test('bad input exits 2: no option, an unknown account, an invalid mapping directory, no store', () => {
    expect(run([]).status).toBe(2);
    const unknown = run(['--account', 'NOPE', ...at]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no account NOPE');
    const bad = join(dir, 'bad');
    cpSync(proposedDir, bad, { recursive: true });
    writeFileSync(
      join(bad, 'scorecard.yaml'),
      readFileSync(join(bad, 'scorecard.yaml'), 'utf8').replace('weight: 20', 'weight: -1'),
    );
    const invalid = run(['--mappings', bad]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/scorecard\.yaml > measures > 0 > weight/);
    const missing = join(dir, 'nowhere', 'state.db');
    const none = run(['--account', 'TROUBLE'], { HEALTH_SYNC_DB: missing });
    expect(none.status).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });
});
