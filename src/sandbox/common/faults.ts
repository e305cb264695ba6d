import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { createRng, type Rng } from '../dataset/prng.ts';

/**
 * Faults a simulator injects into its vendor endpoints, deterministic for a seed: every vendor
 * request draws once from the fault generator, in arrival order.
 * - errorRate: share of requests answered with one of errorStatuses (the vendor's error body);
 * - resetRate: share of requests whose connection is destroyed without an answer;
 * - slowRate/slowMs: share of requests delayed by slowMs;
 * - tokenExpiresAfterCalls: an OAuth token stops working after N authenticated calls;
 * - malformedPage: the Nth page of the main list endpoint is cut off mid-JSON;
 * - lagSeconds: late-arriving records (Jira: search index lag; Genesys: analytics lag);
 * - rateLimitEvery/rateLimitRetryAfterSeconds: every Nth request (in arrival order, token requests
 *   included) answers 429 with that Retry-After, as when another integration shares the API client's
 *   limit; the other faults draw as before, so a seed spreads them over the same requests.
 */
export const FaultConfig = z
  .object({
    seed: z.number().int().min(0).default(1),
    errorRate: z.number().min(0).max(1).default(0),
    errorStatuses: z.array(z.number().int().min(500).max(599)).min(1).default([500, 502, 503]),
    resetRate: z.number().min(0).max(1).default(0),
    slowRate: z.number().min(0).max(1).default(0),
    slowMs: z.number().int().min(0).max(120_000).default(2_000),
    tokenExpiresAfterCalls: z.number().int().positive().nullable().default(null),
    malformedPage: z.number().int().positive().nullable().default(null),
    lagSeconds: z.number().int().min(0).max(86_400).nullable().default(null),
    rateLimitEvery: z.number().int().min(2).nullable().default(null),
    rateLimitRetryAfterSeconds: z.number().int().min(0).max(3_600).default(1),
  })
  .strict();
export type FaultConfig = z.infer<typeof FaultConfig>;
export type FaultConfigInput = z.input<typeof FaultConfig>;

export type FaultKind = 'error' | 'reset' | 'slow' | 'malformed' | 'tokenExpired' | 'rateLimited';

export interface FaultController {
  config(): FaultConfig;
  set(input: FaultConfigInput): FaultConfig;
  /** Counts a page of the main list endpoint; true when this one must be malformed. */
  malformThisPage(): boolean;
  record(kind: FaultKind): void;
  counts(): Record<FaultKind, number>;
  /** `errorBody` gives the vendor's body for a 5xx, and for 429 (`rateLimitEvery`). */
  middleware: (
    errorBody: (status: number) => unknown,
  ) => (req: Request, res: Response, next: NextFunction) => void;
}

export function createFaults(input: FaultConfigInput = {}): FaultController {
  let config = FaultConfig.parse(input);
  let rng: Rng = createRng(config.seed);
  let pages = 0;
  let requests = 0;
  const counts: Record<FaultKind, number> = {
    error: 0,
    reset: 0,
    slow: 0,
    malformed: 0,
    tokenExpired: 0,
    rateLimited: 0,
  };
  const controller: FaultController = {
    config: () => config,
    set(next) {
      config = FaultConfig.parse(next);
      rng = createRng(config.seed);
      pages = 0;
      requests = 0;
      return config;
    },
    malformThisPage() {
      pages++;
      const hit = config.malformedPage !== null && pages === config.malformedPage;
      if (hit) counts.malformed++;
      return hit;
    },
    record: (kind) => void counts[kind]++,
    counts: () => ({ ...counts }),
    middleware: (errorBody) => (req, res, next) => {
      const u = rng.next();
      const status = config.errorStatuses[Math.floor(rng.next() * config.errorStatuses.length)]!;
      const slow = rng.next() < config.slowRate;
      requests++;
      if (config.rateLimitEvery !== null && requests % config.rateLimitEvery === 0) {
        counts.rateLimited++;
        res.set('Retry-After', String(config.rateLimitRetryAfterSeconds));
        res.status(429).json(errorBody(429));
        return;
      }
      if (u < config.resetRate) {
        counts.reset++;
        req.socket.destroy();
        return;
      }
      if (u < config.resetRate + config.errorRate) {
        counts.error++;
        // Vendors put Retry-After on some 503s.
        if (status === 503) res.set('Retry-After', '1');
        res.status(status).json(errorBody(status));
        return;
      }
      if (slow) {
        counts.slow++;
        setTimeout(next, config.slowMs);
        return;
      }
      next();
    },
  };
  return controller;
}

/** Sends a 200 JSON body cut off in the middle, as a proxy that dropped the connection would. */
export function sendMalformed(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .status(200)
    .type('application/json')
    .send(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
}
