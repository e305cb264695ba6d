import { expect, test } from 'vitest';
import { openSqliteStore } from '../../src/store/open-sqlite.ts';

test('a progress write that lands after the run ended leaves the final stats alone', async () => {
  const store = openSqliteStore(':memory:');
  try {
    const run = await store.runs.start('test', {});
    await store.runs.update(run.id, { progress: { stage: 'sources' } });
    await store.runs.finish(run.id, 'succeeded', { progress: { stage: 'done' }, durationMs: 5 });
    // The HTTP client's wait reports are not awaited: one may reach the store after finish.
    await store.runs.update(run.id, { progress: { stage: 'sources', waiting: 'HTTP 429, 1 s' } });
    const after = await store.runs.get(run.id);
    expect(after?.status).toBe('succeeded');
    expect(after?.stats).toEqual({ progress: { stage: 'done' }, durationMs: 5 });
  } finally {
    await store.close();
  }
});
