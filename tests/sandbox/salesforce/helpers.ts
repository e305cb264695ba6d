import { Connection } from 'jsforce';
import {
  createSalesforceSim,
  type SalesforceSim,
  type SalesforceSimOptions,
} from '../../../src/sandbox/salesforce/index.ts';
import { toId18 } from '../../../src/sandbox/salesforce/ids.ts';

export const API_VERSION = '64.0';

export const USERS = [
  { Id: toId18('0055H000001CSM1'), Name: 'Casey Morgan', Email: 'casey@example.com', IsActive: true },
  { Id: toId18('0055H000001CSM2'), Name: 'Robin Lee', Email: 'robin@example.com', IsActive: true },
  { Id: toId18('0055H000001CSM3'), Name: 'Former CSM', Email: 'former@example.com', IsActive: false },
];

export const accountId = (n: number): string => toId18(`0015H${String(n).padStart(10, '0')}`);

/** n accounts; SystemModstamp ties come in pairs (two accounts per second). */
export function makeAccounts(n: number, start = Date.UTC(2025, 0, 1, 10)): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    Id: accountId(i + 1),
    Name: `Account ${i + 1}`,
    OwnerId: USERS[i % 2]!.Id,
    Tier__c: ['Strategic', 'Enterprise', 'Mid-Market', 'SMB'][i % 4],
    Type: i % 5 === 4 ? 'Prospect' : 'Customer',
    Website: `https://www.account${i + 1}.example`,
    Phone: `+1 555 010 ${String(i % 10000).padStart(4, '0')}`,
    AnnualRevenue: 100_000 * (i + 1),
    Renewal_Date__c: '2026-06-30',
    SystemModstamp: new Date(start + Math.floor(i / 2) * 1000).toISOString(),
    CreatedDate: new Date(start - 86_400_000).toISOString(),
  }));
}

export interface Running {
  sim: SalesforceSim;
  url: string;
  close(): Promise<void>;
}

export async function startSim(options: SalesforceSimOptions = {}): Promise<Running> {
  const sim = createSalesforceSim({ users: USERS, accounts: makeAccounts(10), ...options });
  const { url, close } = await sim.listen();
  return { sim, url, close };
}

/** A jsforce connection authorized with the client-credentials grant, as health-sync's connector will be. */
export async function connect(run: Running, extra: Record<string, unknown> = {}): Promise<Connection> {
  const conn = new Connection({
    loginUrl: run.url,
    version: API_VERSION,
    oauth2: { clientId: run.sim.clientId, clientSecret: run.sim.clientSecret, loginUrl: run.url },
    ...extra,
  });
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

export async function admin(
  run: Running,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${run.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

export interface Refusal {
  name: string;
  message: string;
  errorCode?: string;
}

/** The error a jsforce call (a promise or a Query) is refused with; fails the test if it succeeds. */
export async function refusal(p: PromiseLike<unknown>): Promise<Refusal> {
  try {
    await p;
  } catch (err) {
    return err as Refusal;
  }
  throw new Error('expected the call to be refused');
}
