import { expect, it } from 'vitest';
import { formatRun } from '../../src/cli/format-run.ts';
import { emptyRunStats } from '../../src/sync/run-stats.ts';

const record = (rescored: Record<string, unknown>) => ({
  id: 7,
  trigger: 'cli',
  startedAt: Date.UTC(2026, 10, 20, 12),
  endedAt: Date.UTC(2026, 10, 20, 12, 0, 4),
  status: 'succeeded' as const,
  options: {},
  stats: { ...emptyRunStats('cli'), rescored },
  error: null,
});

it('says how many accounts were scored and why, split by cause when a new hour moved windows', () => {
  expect(
    formatRun(record({ accounts: 0, of: 200, reason: 'changed facts', changed: 0, crossed: 0 })),
  ).toContain('  scored: 0 of 200 accounts (changed facts)\n');
  expect(
    formatRun(
      record({
        accounts: 1714,
        of: 2000,
        reason: 'changed facts, and windows a new hour moved',
        changed: 1097,
        crossed: 617,
      }),
    ),
  ).toContain(
    '  scored: 1714 of 2000 accounts (changed facts, and windows a new hour moved: 1097 changed, 617 by the hour)\n',
  );
  expect(formatRun(record({ accounts: 200, of: 200, reason: 'all: new UTC day' }))).toContain(
    '  scored: 200 of 200 accounts (all: new UTC day)\n',
  );
});
