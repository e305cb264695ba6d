import { Cron } from 'croner';
import { z } from 'zod';
import { SOURCE_NAMES, type SourceName } from '../../sources.ts';

/**
 * schedule.yaml (optional): when `health-sync serve` reads each source and when it scores. Runs are
 * single-flight, so a tick that fires while another run is going is skipped: the defaults keep the
 * jobs five minutes apart.
 */
const cron = z.string().superRefine((pattern, ctx) => {
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (err) {
    // croner's message names the bad field ("Invalid value for minute: 61").
    ctx.addIssue({
      code: 'custom',
      message: `not a cron pattern: ${(err as Error).message.replace(/^CronPattern:\s*/, '')}`,
    });
  }
});

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as UTC or Europe/Dublin');

const job = (defaultCron: string) =>
  z
    .object({
      cron: cron.default(defaultCron),
      /** A disabled job is never run by the scheduler, and a disabled source is never read. */
      enabled: z.boolean().default(true),
    })
    .strict()
    .prefault({});

export const DEFAULT_CRONS = {
  zendesk: '*/15 * * * *',
  genesys: '5-59/15 * * * *',
  jira: '10-59/30 * * * *',
  salesforce: '25 * * * *',
  score: '55 * * * *',
} as const;

export const ScheduleMapping = z
  .object({
    version: z.literal(1),
    timezone: timezone.default('UTC'),
    sources: z
      .object({
        zendesk: job(DEFAULT_CRONS.zendesk),
        jira: job(DEFAULT_CRONS.jira),
        genesys: job(DEFAULT_CRONS.genesys),
        salesforce: job(DEFAULT_CRONS.salesforce),
      })
      .strict()
      .prefault({}),
    /** Matching, scoring and write-back without reading any source (every source run scores too). */
    score: job(DEFAULT_CRONS.score),
  })
  .strict();
export type ScheduleMapping = z.infer<typeof ScheduleMapping>;

/** The schedule in force when schedule.yaml is absent. */
export const defaultSchedule = (): ScheduleMapping => ScheduleMapping.parse({ version: 1 });

export type ScheduledJobName = SourceName | 'score';

/**
 * What a schedule runs, in the order of the source list then scoring: its enabled jobs, a source's
 * only when it has credentials; `unconfigured` names the enabled sources left out for want of them.
 */
export function scheduledJobs(
  schedule: ScheduleMapping,
  configured: readonly SourceName[],
): { jobs: { name: ScheduledJobName; cron: string }[]; unconfigured: SourceName[] } {
  const enabled = SOURCE_NAMES.filter((s) => schedule.sources[s].enabled);
  return {
    jobs: [
      ...enabled.filter((s) => configured.includes(s)).map((s) => ({ name: s, cron: schedule.sources[s].cron })),
      ...(schedule.score.enabled ? [{ name: 'score' as const, cron: schedule.score.cron }] : []),
    ],
    unconfigured: enabled.filter((s) => !configured.includes(s)),
  };
}
