/**
 * The simulators' control endpoints the bench uses: their own request counters (`/__sandbox/stats`:
 * Zendesk, Jira and Genesys share one shape; Salesforce has its own, with the write requests it
 * served), and the shared dataset's mutation and clock.
 */
export interface SimStats {
  requests: Record<string, number>;
  total: number;
  /** Responses per HTTP status (Zendesk, Jira and Genesys; empty for Salesforce). */
  statuses: Record<string, number>;
}

export interface SandboxStats {
  zendesk: SimStats;
  jira: SimStats;
  genesys: SimStats;
  salesforce: SimStats & { writeRequests: number };
}

type Env = Record<string, string>;

const bases = (env: Env): Record<keyof SandboxStats, string> => ({
  zendesk: env['ZENDESK_BASE_URL']!,
  jira: env['JIRA_BASE_URL']!,
  genesys: env['GENESYS_API_BASE_URL']!,
  salesforce: env['SF_LOGIN_URL']!,
});

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

export async function resetSandboxStats(env: Env): Promise<void> {
  const b = bases(env);
  // The Genesys login and API hosts share one counter.
  for (const k of ['zendesk', 'jira', 'genesys'] as const)
    await json(`${b[k]}/__sandbox/stats`, { method: 'DELETE' });
  await json(`${b.salesforce}/__sandbox/stats/reset`, { method: 'POST' });
}

export async function readSandboxStats(env: Env): Promise<SandboxStats> {
  const b = bases(env);
  const plain = async (url: string): Promise<SimStats> => {
    const s = await json(`${url}/__sandbox/stats`);
    return {
      requests: s['requests'] as Record<string, number>,
      total: Number(s['total']),
      statuses: (s['statuses'] ?? {}) as Record<string, number>,
    };
  };
  const sf = await json(`${b.salesforce}/__sandbox/stats`);
  return {
    zendesk: await plain(b.zendesk),
    jira: await plain(b.jira),
    genesys: await plain(b.genesys),
    salesforce: {
      requests: sf['requests'] as Record<string, number>,
      total: Number(sf['apiCalls']),
      statuses: {},
      writeRequests: Number(sf['writeRequests']),
    },
  };
}

/** POSTs to a control route every simulator serves (one dataset and one clock behind them all). */
export const controlSandbox = (env: Env, path: string, body: unknown): Promise<Record<string, unknown>> =>
  json(`${bases(env).zendesk}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
