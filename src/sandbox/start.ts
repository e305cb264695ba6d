import { createClock, type SimClock } from './common/clock.ts';
import { parseFaultSpec, type SandboxFaults } from './common/fault-spec.ts';
import type { FaultConfigInput } from './common/faults.ts';
import { listen, type Listening } from './common/listen.ts';
import type { RateLimitMode } from './common/sim-context.ts';
import { createDataset, type Dataset } from './dataset/dataset.ts';
import { createGenesysSim, type GenesysSim } from './genesys/app.ts';
import { createJiraSim, type JiraSim } from './jira/app.ts';
import { createSalesforceSim, type SalesforceFaultsInput, type SalesforceSim } from './salesforce/index.ts';
import { syncSalesforceAccounts } from './salesforce-sync.ts';
import { createZendeskSim, type ZendeskSim } from './zendesk/app.ts';

/**
 * Starts the four API simulators on 127.0.0.1 over one dataset and one clock, and returns their
 * URLs and the environment that points health-sync at them.
 */
export interface SandboxOptions {
  seed?: number;
  /** Number of accounts (50 to 20,000; default 200); other counts follow unless given. */
  accounts?: number;
  tickets?: number;
  calls?: number;
  issues?: number;
  /** The dataset's "now" (default: today, 00:00 UTC). */
  now?: number | Date;
  /**
   * Where the simulators' clock starts (epoch ms; it runs on from there). Default: the real time.
   * Tests pin it, and the clock of the CLI they run (src/sandbox/clock-offset.ts), so that no outcome
   * depends on the day they run.
   */
  clockAt?: number;
  /** 'documented' (default): the vendors' published limits; 'off' for benchmarks. */
  rateLimits?: RateLimitMode;
  /** A --faults spec (see parseFaultSpec) or per-simulator fault settings. */
  faults?: string | SandboxFaults;
  /** Listen on portBase…portBase+4 instead of ephemeral ports. */
  portBase?: number;
  /** Which Zendesk credentials the env carries (default: API token). */
  zendeskAuth?: 'token' | 'oauth';
  /** The Jira integration user's time zone (default America/Los_Angeles). */
  jiraTimeZone?: string;
  jiraSearchLagSeconds?: number;
  /** Seconds after a call ends before Genesys analytics returns it (default 300). */
  genesysLagSeconds?: number;
  /** Polls an async analytics job takes to be FULFILLED (at least 2: QUEUED, then PENDING or done). */
  genesysJobPolls?: number;
  /** Reuse a dataset (its options win over seed/accounts/now). */
  dataset?: Dataset;
  /** Fields the Salesforce org lacks (`Object.Field`), e.g. to see `salesforce check` name them. */
  salesforceOmitFields?: readonly string[];
}

export interface SandboxUrls {
  zendesk: string;
  jira: string;
  genesysApi: string;
  genesysLogin: string;
  salesforce: string;
}

export interface Sandbox {
  urls: SandboxUrls;
  env: Record<string, string>;
  dataset: Dataset;
  clock: SimClock;
  sims: { zendesk: ZendeskSim; jira: JiraSim; genesys: GenesysSim; salesforce: SalesforceSim };
  close(): Promise<void>;
}

export const SF_SANDBOX_API_VERSION = '64.0';

/** The settings the Salesforce simulator shares with ours (its fault schema is its own and strict). */
function salesforceFaults(f: FaultConfigInput | undefined): SalesforceFaultsInput | undefined {
  if (!f) return undefined;
  const statuses = (f.errorStatuses ?? [500, 502, 503]).filter((s): s is 500 | 502 | 503 =>
    [500, 502, 503].includes(s),
  );
  return {
    ...(f.seed !== undefined ? { seed: f.seed } : {}),
    ...(f.errorRate !== undefined ? { errorRate: f.errorRate } : {}),
    errorStatuses: statuses.length ? statuses : [500, 502, 503],
    ...(f.resetRate !== undefined ? { resetRate: f.resetRate } : {}),
    ...(f.slowRate !== undefined ? { slowRate: f.slowRate } : {}),
    ...(f.slowMs !== undefined ? { slowMs: f.slowMs } : {}),
    ...(f.tokenExpiresAfterCalls ? { tokenExpiresAfterCalls: f.tokenExpiresAfterCalls } : {}),
    ...(f.rateLimitEvery ? { rateLimitEvery: f.rateLimitEvery } : {}),
    ...(f.rateLimitRetryAfterSeconds !== undefined
      ? { rateLimitRetryAfterSeconds: f.rateLimitRetryAfterSeconds }
      : {}),
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now instanceof Date ? options.now.getTime() : options.now;
  const base =
    options.dataset ??
    createDataset({
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.accounts !== undefined ? { accounts: options.accounts } : {}),
      ...(options.tickets !== undefined ? { tickets: options.tickets } : {}),
      ...(options.calls !== undefined ? { calls: options.calls } : {}),
      ...(options.issues !== undefined ? { issues: options.issues } : {}),
      ...(now !== undefined ? { now } : {}),
    });
  const faults = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? {});
  const clock = createClock(options.clockAt);
  const rateLimits = options.rateLimits ?? 'documented';

  const salesforce = createSalesforceSim({
    accounts: base.salesforceAccounts(),
    users: base.salesforceUsers(),
    now: () => clock.now(),
    clientId: 'health-sync-sandbox-consumer-key',
    clientSecret: 'sandbox-salesforce-consumer-secret',
    ...(options.salesforceOmitFields ? { omitFields: options.salesforceOmitFields } : {}),
    ...(faults.salesforce ? { faults: salesforceFaults(faults.salesforce)! } : {}),
  });
  // Mutations reach Salesforce's records too (a mutated account has a new SystemModstamp).
  const dataset: Dataset = {
    ...base,
    mutate(o) {
      const summary = base.mutate(o);
      syncSalesforceAccounts(salesforce.state, base, summary.accounts);
      return summary;
    },
  };
  const common = { dataset, clock, rateLimits };
  const zendesk = createZendeskSim({ ...common, ...(faults.zendesk ? { faults: faults.zendesk } : {}) });
  const jira = createJiraSim({
    ...common,
    ...(faults.jira ? { faults: faults.jira } : {}),
    ...(options.jiraTimeZone ? { timeZone: options.jiraTimeZone } : {}),
    ...(options.jiraSearchLagSeconds !== undefined ? { searchLagSeconds: options.jiraSearchLagSeconds } : {}),
  });
  const genesys = createGenesysSim({
    ...common,
    ...(faults.genesys ? { faults: faults.genesys } : {}),
    ...(options.genesysLagSeconds !== undefined ? { lagSeconds: options.genesysLagSeconds } : {}),
    ...(options.genesysJobPolls !== undefined ? { pollsUntilFulfilled: options.genesysJobPolls } : {}),
  });

  const port = (k: number): number => (options.portBase === undefined ? 0 : options.portBase + k);
  const opened: { close(): Promise<void> }[] = [];
  const open = async (p: Promise<Listening | { url: string; close(): Promise<void> }>): Promise<string> => {
    const l = await p;
    opened.push(l);
    return l.url;
  };
  try {
    const urls: SandboxUrls = {
      zendesk: await open(listen(zendesk.app, port(0))),
      jira: await open(listen(jira.app, port(1))),
      genesysApi: await open(listen(genesys.apiApp, port(2))),
      genesysLogin: await open(listen(genesys.loginApp, port(3))),
      salesforce: await open(salesforce.listen(port(4))),
    };
    const zendeskCreds =
      options.zendeskAuth === 'oauth'
        ? {
            ZENDESK_CLIENT_ID: zendesk.credentials.clientId,
            ZENDESK_CLIENT_SECRET: zendesk.credentials.clientSecret,
          }
        : { ZENDESK_EMAIL: zendesk.credentials.email, ZENDESK_API_TOKEN: zendesk.credentials.apiToken };
    const env: Record<string, string> = {
      ZENDESK_BASE_URL: urls.zendesk,
      ...zendeskCreds,
      JIRA_BASE_URL: urls.jira,
      JIRA_DEPLOYMENT: 'cloud',
      JIRA_EMAIL: jira.credentials.email,
      JIRA_API_TOKEN: jira.credentials.apiToken,
      GENESYS_API_BASE_URL: urls.genesysApi,
      GENESYS_LOGIN_URL: urls.genesysLogin,
      GENESYS_CLIENT_ID: genesys.credentials.clientId,
      GENESYS_CLIENT_SECRET: genesys.credentials.clientSecret,
      SF_LOGIN_URL: urls.salesforce,
      SF_CLIENT_ID: salesforce.clientId,
      SF_CLIENT_SECRET: salesforce.clientSecret,
      SF_API_VERSION: SF_SANDBOX_API_VERSION,
      // With the simulators' limits off, health-sync's own client-side limits would only slow it down.
      ...(rateLimits === 'off' ? { HEALTH_SYNC_RATE_LIMITS: 'off' } : {}),
    };
    return {
      urls,
      env,
      dataset,
      clock,
      sims: { zendesk, jira, genesys, salesforce },
      close: async () => {
        await Promise.all(opened.map((l) => l.close()));
      },
    };
  } catch (err) {
    await Promise.all(opened.map((l) => l.close()));
    throw err;
  }
}
