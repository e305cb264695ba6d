import { z } from 'zod';
import { AccountCondition, positive, sfFieldName } from './common.ts';

/** What a written field carries: a value of the score, or `metric:<measure id>` for a measure's raw value. */
export const FieldValue = z.union([
  z.enum(['score', 'status', 'trend_7d', 'trend_30d', 'drivers', 'scorecard_version', 'computed_at']),
  z.string().regex(/^metric:[a-z][a-z0-9_]*$/, 'one of score, status, trend_7d, trend_30d, drivers, scorecard_version, computed_at or metric:<measure id>'),
]);

const TaskTemplate = z
  .object({
    subject_prefix: z.string().default('[Health]'),
    priority: z.enum(['High', 'Normal', 'Low']).default('High'),
    status: z.string().default('Not Started'),
    due_in_days: z.number().int().min(0).max(90).default(2),
  })
  .strict();

const SignalBase = { name: z.string().regex(/^[a-z][a-z0-9-]*$/), window_days: z.number().int().min(1).max(90), accounts: AccountCondition.optional() };

export const Signal = z.discriminatedUnion('type', [
  /** Risk language in a ticket of a matching account. */
  z.object({ ...SignalBase, type: z.literal('risk_language') }).strict(),
  /**
   * A spike against the account's own normal: at least `min_contacts` tickets and calls within the
   * window, and at least `spike_ratio` times the account's average per window over the
   * `baseline_days` before it.
   */
  z
    .object({
      ...SignalBase,
      type: z.literal('contact_burst'),
      min_contacts: z.number().int().min(2),
      spike_ratio: z.number().min(1).max(100).default(2),
      baseline_days: z.number().int().min(7).max(365).default(90),
    })
    .strict()
    .refine((s) => s.baseline_days > s.window_days, {
      message: 'baseline_days must be longer than window_days',
      path: ['baseline_days'],
    }),
  /** A ticket of `category` whose amount is at least `min_amount`. */
  z.object({ ...SignalBase, type: z.literal('dispute_amount'), category: z.string(), min_amount: positive }).strict(),
]);
export type Signal = z.infer<typeof Signal>;

/**
 * A CSM's override of the written status, kept on the Account: the status to write (green, yellow
 * or red), why, and until which day (inclusive). Absent: the feature is off.
 */
export const Overrides = z.object({ status: sfFieldName, reason: sfFieldName, until: sfFieldName }).strict();
export type Overrides = z.infer<typeof Overrides>;

/** The Account fields (API names) the override is read from, to select with the Accounts. */
export const overrideFieldsToRead = (overrides: Overrides | undefined): string[] =>
  overrides ? [overrides.status, overrides.reason, overrides.until] : [];

/**
 * The weekly `Health_Snapshot__c` rows (one per account per completed ISO week), on by default;
 * `snapshots: false` turns them off.
 */
export const Snapshots = z
  .object({
    object: sfFieldName.default('Health_Snapshot__c'),
    /** Completed weeks kept; rows of older weeks are deleted. */
    retention_weeks: z.number().int().min(1).max(520).default(26),
  })
  .strict();
export type Snapshots = z.infer<typeof Snapshots>;

export const SalesforceMapping = z
  .object({
    version: z.literal(1),
    object: z.literal('Account').default('Account'),
    fields: z
      .array(z.object({ target: sfFieldName, value: FieldValue }).strict())
      .min(1),
    write: z
      .object({
        /** Above this many changed rows, Bulk API 2.0; below, sObject Collections of up to 200. */
        bulk_threshold: z.number().int().min(1).default(2000),
        /** Stop writing when the org's daily API usage would pass this share of its allocation. */
        budget_share: z.number().gt(0).max(1).default(0.5),
        max_attempts: z.number().int().min(1).max(10).default(4),
      })
      .strict(),
    overrides: Overrides.optional(),
    snapshots: z.union([z.literal(false), Snapshots]).prefault({}),
    alerts: z
      .object({
        status_drop: z
          .object({
            enabled: z.boolean().default(true),
            /** `any`: every drop (green→yellow, yellow→red, green→red); `to_red`: only drops into red. */
            when: z.enum(['any', 'to_red']).default('any'),
          })
          .strict(),
        signals: z.array(Signal).default([]),
        task: TaskTemplate,
      })
      .strict(),
  })
  .strict();
export type SalesforceMapping = z.infer<typeof SalesforceMapping>;
