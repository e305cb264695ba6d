import { runCli, runJson, type RunJson } from './cli.ts';
import type { E2eWorld } from './sandbox.ts';
import { simStats } from './snapshots.ts';

/**
 * The shared-rate-limit scenario (issue 15 §4), for the e2e test and `npm run soak:429`: the shipped
 * mappings, so Genesys windows older than 30 days are read through async jobs, four in flight.
 */
export const SHARED_LIMIT_WORLD = { shippedMappings: true } as const;

/**
 * Every third request of every simulator answers 429 `Retry-After: 1`; Jira every second, because a
 * 50-account run sends Jira only two requests.
 */
export const SHARED_LIMIT_FAULTS = 'ratelimit=3:1,jira.ratelimit=2:1';

const JOBS = 'POST /api/v2/analytics/conversations/details/jobs';

/** One `sync --json` in a world whose simulators refuse every Nth request; what the simulators saw. */
export async function rateLimitedSync(w: E2eWorld): Promise<{
  code: number | null;
  run: RunJson;
  stderr: string;
  sims: { refused: Record<string, number>; genesysJobs: number };
}> {
  const r = await runCli(['sync', '--json'], w.env());
  const run = runJson(r);
  const { zendesk, jira, genesysApi, salesforce } = w.sandbox.urls;
  const [z, j, g] = await Promise.all([zendesk, jira, genesysApi].map((u) => simStats(u)));
  const sf = (await fetch(`${salesforce}/__sandbox/stats`).then((res) => res.json())) as {
    faults: { rateLimited: number };
  };
  return {
    code: r.code,
    run,
    stderr: r.stderr,
    sims: {
      refused: {
        zendesk: z!.faults['rateLimited'] ?? 0,
        jira: j!.faults['rateLimited'] ?? 0,
        genesys: g!.faults['rateLimited'] ?? 0,
        salesforce: sf.faults.rateLimited,
      },
      genesysJobs: g!.requests[JOBS] ?? 0,
    },
  };
}

/** One line per run: duration, and per source the 429s met and the time spent waiting on them. */
export function describeRun(
  run: RunJson,
  sims: { refused: Record<string, number>; genesysJobs: number },
): string {
  const perSource = Object.entries(run.stats.sources)
    .map(
      ([s, v]) =>
        `${s} ${v.apiCalls} calls, ${v.rateLimited} 429s, ${Math.round((v.rateLimitWaitMs ?? 0) / 1000)} s waited`,
    )
    .join('; ');
  return `${run.status} in ${Math.round((run.stats.durationMs ?? 0) / 1000)} s: ${perSource}; simulators refused ${JSON.stringify(sims.refused)}, ${sims.genesysJobs} Genesys job creates (429s included)`;
}
