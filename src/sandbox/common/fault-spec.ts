import { UsageError } from '../../errors.ts';
import { FaultConfig, type FaultConfigInput } from './faults.ts';

export const SIMULATORS = ['zendesk', 'jira', 'genesys', 'salesforce'] as const;
export type SimulatorName = (typeof SIMULATORS)[number];
export type SandboxFaults = Partial<Record<SimulatorName, FaultConfigInput>>;

/** `[simulator.]key=value` */
const PART = new RegExp(`^(?:(${SIMULATORS.join('|')})\\.)?([a-z]+)=(.+)$`, 'i');

const KEYS: Record<string, (v: string, into: Record<string, unknown>) => void> = {
  error: (v, o) => (o['errorRate'] = Number(v)),
  errors: (v, o) => (o['errorRate'] = Number(v)),
  statuses: (v, o) => (o['errorStatuses'] = v.split('|').map(Number)),
  reset: (v, o) => (o['resetRate'] = Number(v)),
  slow: (v, o) => {
    const [share, ms] = v.split(':');
    o['slowRate'] = Number(share);
    if (ms !== undefined) o['slowMs'] = Number(ms);
  },
  token: (v, o) => (o['tokenExpiresAfterCalls'] = Number(v)),
  malformed: (v, o) => (o['malformedPage'] = Number(v)),
  lag: (v, o) => (o['lagSeconds'] = Number(v)),
  ratelimit: (v, o) => {
    const [every, seconds] = v.split(':');
    o['rateLimitEvery'] = Number(every);
    if (seconds !== undefined) o['rateLimitRetryAfterSeconds'] = Number(seconds);
  },
  seed: (v, o) => (o['seed'] = Number(v)),
};

/**
 * Parses the --faults spec of `health-sync sandbox`: comma-separated `[simulator.]key=value`, e.g.
 * `error=0.05,reset=0.01,jira.lag=30,genesys.token=50,zendesk.malformed=3,seed=7`. Keys: error,
 * statuses (500|503), reset, slow (share[:ms]), token (calls), malformed (page), lag (seconds),
 * ratelimit (every Nth request answers 429, `N[:Retry-After seconds]`, default 1 s), seed.
 * A key without a simulator applies to all four.
 */
export function parseFaultSpec(spec: string): SandboxFaults {
  const raw: Partial<Record<SimulatorName, Record<string, unknown>>> = {};
  for (const part of spec
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = PART.exec(part);
    const setter = m ? KEYS[m[2]!.toLowerCase()] : undefined;
    if (!m || !setter)
      throw new UsageError(`--faults: cannot read "${part}" (expected [simulator.]key=value)`);
    const targets = m[1] ? [m[1].toLowerCase() as SimulatorName] : SIMULATORS;
    for (const t of targets) setter(m[3]!, (raw[t] ??= {}));
  }
  const out: SandboxFaults = {};
  for (const [name, value] of Object.entries(raw) as [SimulatorName, Record<string, unknown>][]) {
    const parsed = FaultConfig.safeParse(value);
    if (!parsed.success)
      throw new UsageError(
        `--faults: ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    out[name] = value;
  }
  return out;
}
