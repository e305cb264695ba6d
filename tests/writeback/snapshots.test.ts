import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMappingTexts, validateMappingTexts } from '../../src/config/mappings/load.ts';
import {
  type DaySnapshot,
  isoWeek,
  keptWeeks,
  planSnapshotUpserts,
  rowContent,
  weekRows,
  weekStartOf,
} from '../../src/writeback/snapshots.ts';

const day = (
  accountId: string,
  d: string,
  score: number | null,
  extra: Partial<DaySnapshot> = {},
): DaySnapshot => ({
  accountId,
  day: d,
  score,
  status: 'green',
  scorecardVersion: 'v1+abc123',
  rebuilt: true,
  ...extra,
});

describe('weekly snapshot planning (pure)', () => {
  it('names ISO weeks by the year of their Thursday', () => {
    expect(weekStartOf('2026-12-03')).toBe('2026-11-30');
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30');
    expect(isoWeek('2026-11-30')).toBe('2026-W49');
    expect(isoWeek('2026-12-28')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('keeps the completed weeks within retention; the current week is never written', () => {
    const { weeks, cutoff } = keptWeeks(Date.UTC(2026, 11, 3, 10), 3);
    expect(weeks).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(cutoff).toBe('2026-11-09');
  });

  it("takes each account's last stored day of the week, rounded as Number(5,1) holds it", () => {
    const rows = weekRows(
      '2026-11-23',
      [
        day('001A', '2026-11-23', 80),
        day('001A', '2026-11-26', 72.349, { status: 'yellow', rebuilt: false }),
        day('001B', '2026-11-24', null, { status: 'insufficient_data' }),
        day('001C', '2026-11-29', 10),
      ],
      new Set(['001A', '001B']),
    );
    expect(rows).toEqual([
      {
        key: '001A-2026-W48',
        accountId: '001A',
        week: '2026-W48',
        weekStart: '2026-11-23',
        score: 72.3,
        status: 'yellow',
        scorecardVersion: 'v1+abc123',
        rebuilt: false,
      },
      expect.objectContaining({ key: '001B-2026-W48', score: null, status: 'insufficient_data' }),
    ]);
  });

  it('plans only rows whose content differs from the confirmed one', () => {
    const rows = weekRows(
      '2026-11-23',
      [day('001A', '2026-11-23', 80), day('001B', '2026-11-23', 60)],
      new Set(['001A', '001B']),
    );
    const confirmed = new Map([
      [rows[0]!.key, rowContent(rows[0]!)],
      [rows[1]!.key, rowContent({ ...rows[1]!, score: 61 })],
    ]);
    const plan = planSnapshotUpserts(rows, confirmed);
    expect(plan.upserts.map((r) => r.key)).toEqual(['001B-2026-W48']);
    expect(plan.unchanged).toBe(1);
    // Content Salesforce refused for good is not sent again; other content for that key is.
    const refused = new Map([[rows[1]!.key, rowContent(rows[1]!)]]);
    expect(planSnapshotUpserts(rows, confirmed, refused)).toMatchObject({
      upserts: [],
      unchanged: 1,
      refused: 1,
    });
    const other = new Map([[rows[1]!.key, rowContent({ ...rows[1]!, status: 'purple' })]]);
    expect(planSnapshotUpserts(rows, confirmed, other).upserts).toHaveLength(1);
  });
});

describe('salesforce.yaml > snapshots', () => {
  it('defaults to Health_Snapshot__c with 26 weeks; false turns it off', async () => {
    const texts = await readMappingTexts('mappings');
    const shipped = validateMappingTexts(texts, 'mappings');
    expect(shipped.ok && shipped.loaded.mappings.salesforce.snapshots).toEqual({
      object: 'Health_Snapshot__c',
      retention_weeks: 26,
    });
    const yaml = readFileSync('mappings/salesforce.yaml', 'utf8');
    const off = validateMappingTexts(
      { ...texts, salesforce: yaml.replace(/^snapshots:\n(?: {2}.*\n)+/m, 'snapshots: false\n') },
      'mappings',
    );
    expect(off.ok && off.loaded.mappings.salesforce.snapshots).toBe(false);
  });

  it('names the file and path of a bad retention', async () => {
    const texts = await readMappingTexts('mappings');
    const yaml = readFileSync('mappings/salesforce.yaml', 'utf8').replace(
      'retention_weeks: 26',
      'retention_weeks: 0',
    );
    const bad = validateMappingTexts({ ...texts, salesforce: yaml }, 'mappings');
    expect(bad.ok).toBe(false);
    const text = JSON.stringify(!bad.ok && bad.problems);
    expect(text).toContain('salesforce.yaml');
    expect(text).toContain('snapshots');
    expect(text).toContain('retention_weeks');
  });
});
