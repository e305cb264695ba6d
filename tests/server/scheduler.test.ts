import { afterEach, describe, expect, it } from 'vitest';
import { ScheduleMapping } from '../../src/config/mappings/schedule.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { createScheduler, type Scheduler } from '../../src/server/scheduler.ts';
import { createRunControl, type RunControl } from '../../src/sync/single-flight.ts';
import type { SyncOptions } from '../../src/sync/types.ts';
import { captureLogger, until } from './helpers.ts';
import { fakeRunner } from './fixtures/fake-runner.ts';

let store: SqliteStore;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  scheduler?.stop();
  await store.close();
});

function setup(
  options: {
    gate?: () => Promise<void>;
    configured?: ('zendesk' | 'jira' | 'genesys' | 'salesforce')[];
  } = {},
) {
  store = openSqliteStore(':memory:');
  const { logger, lines, scrubber } = captureLogger();
  const seen: SyncOptions[] = [];
  const inner = fakeRunner(store, { pages: 1, perPage: 1, ...(options.gate ? { gate: options.gate } : {}) });
  const control: RunControl = createRunControl({
    runner: { run: (o, hooks) => (seen.push(o), inner.run(o, hooks)) },
    store,
    logger,
    scrubber,
  });
  const skipped: string[] = [];
  scheduler = createScheduler({
    control,
    logger,
    configured: options.configured ?? ['zendesk', 'jira', 'genesys', 'salesforce'],
    onSkipped: (job) => skipped.push(job),
    coalesceMs: 20,
  });
  return { control, lines, seen, skipped, scheduler };
}

const schedule = (raw: object) => ScheduleMapping.parse({ version: 1, ...raw });

describe('scheduler', () => {
  it('skips (logs and counts) a tick that fires while a run is going', async () => {
    let open!: () => void;
    const gate = () => new Promise<void>((r) => (open = r));
    const { control, lines, seen, skipped, scheduler } = setup({ gate });
    scheduler.apply(schedule({}));
    scheduler.tick('zendesk');
    await until(() => control.active()?.runId);
    scheduler.tick('genesys');
    expect(skipped).toEqual(['genesys']);
    expect(
      lines.some(
        (l) => l['msg'] === 'scheduled genesys tick skipped: a run is in progress' && l['job'] === 'genesys',
      ),
    ).toBe(true);
    open();
    await control.idle();
    expect(seen.map((o) => o.trigger)).toEqual(['schedule:zendesk']);
  });

  it('starts one run for ticks due together, over their enabled sources', async () => {
    const { control, seen, scheduler } = setup();
    scheduler.apply(schedule({ sources: { jira: { enabled: false } } }));
    scheduler.tick('zendesk');
    scheduler.tick('genesys');
    scheduler.tick('jira');
    await until(() => seen.length === 1);
    await control.idle();
    expect(seen[0]).toEqual({
      sources: ['zendesk', 'genesys'],
      full: false,
      dryRun: false,
      trigger: 'schedule:zendesk+genesys',
    });
  });

  it('the score job runs without sources (scoreOnly)', async () => {
    const { control, seen, scheduler } = setup();
    scheduler.apply(schedule({}));
    scheduler.tick('score');
    await until(() => seen.length === 1);
    await control.idle();
    expect(seen[0]).toEqual({
      sources: [],
      scoreOnly: true,
      full: false,
      dryRun: false,
      trigger: 'schedule:score',
    });
  });

  it('never schedules a disabled or unconfigured source, and re-plans on apply', () => {
    const { scheduler } = setup({ configured: ['zendesk', 'jira', 'genesys'] });
    scheduler.apply(schedule({ sources: { jira: { enabled: false } }, score: { enabled: false } }));
    expect(scheduler.jobs().map((j) => j.name)).toEqual(['zendesk', 'genesys']);
    scheduler.apply(schedule({ timezone: 'Europe/Dublin', sources: { zendesk: { cron: '0 3 * * *' } } }));
    const jobs = scheduler.jobs();
    expect(jobs.map((j) => j.name)).toEqual(['zendesk', 'jira', 'genesys', 'score']);
    expect(jobs[0]).toMatchObject({ cron: '0 3 * * *' });
    scheduler.stop();
    expect(scheduler.jobs()).toEqual([]);
  });

  it('croner fires the ticks (a six-field every-second pattern)', async () => {
    const { control, seen, scheduler } = setup();
    scheduler.apply(
      schedule({
        sources: {
          zendesk: { cron: '* * * * * *' },
          jira: { enabled: false },
          genesys: { enabled: false },
          salesforce: { enabled: false },
        },
        score: { enabled: false },
      }),
    );
    await until(() => seen.length >= 1, 3000);
    scheduler.stop();
    await control.idle();
    expect(seen[0]).toMatchObject({ sources: ['zendesk'], trigger: 'schedule:zendesk' });
  });
});
