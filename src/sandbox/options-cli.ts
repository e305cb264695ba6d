import { UsageError } from '../errors.ts';
import { parseFaultSpec } from './common/fault-spec.ts';
import type { SandboxOptions } from './start.ts';

/** The flags `health-sync sandbox` and `node src/sandbox/main.ts` share, as strings from the command line. */
export interface SandboxFlags {
  seed?: string | undefined;
  accounts?: string | undefined;
  tickets?: string | undefined;
  faults?: string | undefined;
  rateLimits?: string | undefined;
  portBase?: string | undefined;
  now?: string | undefined;
  zendeskAuth?: string | undefined;
  /** `--salesforce-omit-field`, repeatable. */
  salesforceOmitField?: string[] | undefined;
}

function int(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export function sandboxOptionsFromFlags(f: SandboxFlags): SandboxOptions {
  const out: SandboxOptions = {};
  const seed = int('seed', f.seed, 0, 2 ** 31 - 1);
  const accounts = int('accounts', f.accounts, 50, 20_000);
  const tickets = int('tickets', f.tickets, 0, 1_000_000);
  const portBase = int('port-base', f.portBase, 1024, 65_530);
  if (seed !== undefined) out.seed = seed;
  if (accounts !== undefined) out.accounts = accounts;
  if (tickets !== undefined) out.tickets = tickets;
  if (portBase !== undefined) out.portBase = portBase;
  if (f.faults) {
    parseFaultSpec(f.faults);
    out.faults = f.faults;
  }
  if (f.rateLimits !== undefined) {
    if (f.rateLimits !== 'documented' && f.rateLimits !== 'off')
      throw new UsageError('--rate-limits must be "documented" or "off"');
    out.rateLimits = f.rateLimits;
  }
  if (f.now !== undefined) {
    const t = /^\d+$/.test(f.now) ? Number(f.now) : Date.parse(f.now);
    if (Number.isNaN(t)) throw new UsageError('--now must be an ISO date or epoch milliseconds');
    out.now = t;
  }
  if (f.zendeskAuth !== undefined) {
    if (f.zendeskAuth !== 'token' && f.zendeskAuth !== 'oauth')
      throw new UsageError('--zendesk-auth must be "token" or "oauth"');
    out.zendeskAuth = f.zendeskAuth;
  }
  if (f.salesforceOmitField?.length) {
    const bad = f.salesforceOmitField.find((n) => !/^(\w+\.)?\w+$/.test(n));
    if (bad)
      throw new UsageError(`--salesforce-omit-field must be Object.Field or an Account field (got "${bad}")`);
    out.salesforceOmitFields = f.salesforceOmitField;
  }
  return out;
}

/** Resolves when the process receives SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (s: NodeJS.Signals): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(s);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
