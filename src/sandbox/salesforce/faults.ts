import { z } from 'zod';
import { sameId } from './ids.ts';
import { createRng } from '../dataset/prng.ts';

/**
 * Faults the simulator injects, set at start (`faults` option) or while it runs
 * (`POST /__sandbox/faults`). Everything is deterministic: shares draw from a seeded generator,
 * scripted faults fire on the next matching requests, per-record faults name their records.
 */
const TransientStatus = z.union([z.literal(500), z.literal(502), z.literal(503)]);

export const ScriptedFault = z
  .object({
    /** An endpoint name from `classifyEndpoint` (e.g. `collections.update`, `oauth.token`); any API call when absent. */
    endpoint: z.string().optional(),
    kind: z.enum(['status', 'reset', 'slow']),
    status: TransientStatus.default(503),
    delayMs: z.number().int().min(0).max(120_000).default(1000),
    /** Matching requests let through before it starts (e.g. 1: the second query, not the first). */
    after: z.number().int().min(0).default(0),
    /** How many matching requests it hits. */
    times: z.number().int().min(1).default(1),
  })
  .strict();
export type ScriptedFault = z.infer<typeof ScriptedFault>;

export const SalesforceFaults = z
  .object({
    seed: z.number().int().default(1),
    /** Share of API calls answered with a transient status from `errorStatuses`. */
    errorRate: z.number().min(0).max(1).default(0),
    errorStatuses: z.array(TransientStatus).min(1).default([500, 502, 503]),
    /** Share of API calls whose connection is reset before any answer. */
    resetRate: z.number().min(0).max(1).default(0),
    /** Share of API calls answered after `slowMs`. */
    slowRate: z.number().min(0).max(1).default(0),
    slowMs: z.number().int().min(0).max(120_000).default(2000),
    scripted: z.array(ScriptedFault).default([]),
    /** Every Nth API call answers 429 with `Retry-After: rateLimitRetryAfterSeconds` (a limit shared with another integration). */
    rateLimitEvery: z.number().int().min(2).nullable().default(null),
    rateLimitRetryAfterSeconds: z.number().int().min(0).max(3_600).default(1),
    /** Every access token stops working after this many API calls (then 401 INVALID_SESSION_ID). */
    tokenExpiresAfterCalls: z.number().int().min(1).nullable().default(null),
    /** Writes to these records fail with UNABLE_TO_LOCK_ROW on their first `failures` attempts, then succeed. */
    lockRow: z
      .object({ ids: z.array(z.string()), failures: z.number().int().min(1).default(1) })
      .strict()
      .nullable()
      .default(null),
    /** Writes to these records always fail with FIELD_CUSTOM_VALIDATION_EXCEPTION. */
    validationFailIds: z.array(z.string()).default([]),
    validationMessage: z.string().default('Health fields are locked while the account is in legal review.'),
    /** Bulk ingest jobs end Failed with this errorMessage instead of processing their rows. */
    bulkJobFailure: z.string().nullable().default(null),
  })
  .strict();
export type SalesforceFaults = z.infer<typeof SalesforceFaults>;
export type SalesforceFaultsInput = z.input<typeof SalesforceFaults>;

export type TransportFault =
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMs: number };

/** Seedable, so the same seed spreads faults over the same requests. */
export function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

/** The live fault plan: its settings, the random stream and what scripted and per-record faults have used. */
export class FaultPlan {
  settings: SalesforceFaults;
  private random: () => number;
  private scripted: ScriptedFault[];
  private apiCalls = 0;
  private readonly lockAttempts = new Map<string, number>();

  constructor(input: SalesforceFaultsInput = {}) {
    this.settings = SalesforceFaults.parse(input);
    this.random = seededRandom(this.settings.seed);
    this.scripted = this.settings.scripted.map((s) => ({ ...s }));
  }

  /** Replaces the settings; counters restart so a test sees the same sequence each time it sets them. */
  set(input: SalesforceFaultsInput): void {
    this.settings = SalesforceFaults.parse(input);
    this.random = seededRandom(this.settings.seed);
    this.scripted = this.settings.scripted.map((s) => ({ ...s }));
    this.apiCalls = 0;
    this.lockAttempts.clear();
  }

  /** The transport fault for one request, if any: scripted faults first, then the shares. */
  transport(endpoint: string, isApiCall: boolean): TransportFault | null {
    const script = this.scripted.find((s) =>
      s.endpoint === undefined ? isApiCall : s.endpoint === endpoint,
    );
    if (script && script.after > 0) script.after -= 1;
    else if (script) {
      script.times -= 1;
      if (script.times <= 0) this.scripted = this.scripted.filter((s) => s !== script);
      if (script.kind === 'status') return { kind: 'status', status: script.status };
      if (script.kind === 'reset') return { kind: 'reset' };
      return { kind: 'slow', delayMs: script.delayMs };
    }
    if (!isApiCall) return null;
    // Drawn first, so the shares fall on the same calls with or without the every-Nth 429.
    const share = this.shareFault();
    const { rateLimitEvery, rateLimitRetryAfterSeconds } = this.settings;
    if (rateLimitEvery !== null && ++this.apiCalls % rateLimitEvery === 0)
      return { kind: 'rateLimited', retryAfterSeconds: rateLimitRetryAfterSeconds };
    return share;
  }

  private shareFault(): TransportFault | null {
    const { resetRate, errorRate, slowRate, errorStatuses, slowMs } = this.settings;
    if (resetRate + errorRate + slowRate === 0) return null;
    const r = this.random();
    if (r < resetRate) return { kind: 'reset' };
    if (r < resetRate + errorRate) {
      const status = errorStatuses[Math.floor(this.random() * errorStatuses.length)] ?? 503;
      return { kind: 'status', status };
    }
    if (r < resetRate + errorRate + slowRate) return { kind: 'slow', delayMs: slowMs };
    return null;
  }

  /** The per-record fault for one write attempt on `id`, if any. */
  recordFault(id: string): { statusCode: string; message: string } | null {
    if (this.settings.validationFailIds.some((v) => sameId(v, id))) {
      return { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: this.settings.validationMessage };
    }
    const lock = this.settings.lockRow;
    if (lock && lock.ids.some((v) => sameId(v, id))) {
      const key = id.slice(0, 15);
      const attempts = (this.lockAttempts.get(key) ?? 0) + 1;
      this.lockAttempts.set(key, attempts);
      if (attempts <= lock.failures) {
        return {
          statusCode: 'UNABLE_TO_LOCK_ROW',
          message: 'unable to obtain exclusive access to this record',
        };
      }
    }
    return null;
  }
}
