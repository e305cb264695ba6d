import { z } from 'zod';
import { SourceError } from '../../src/errors.ts';

/**
 * Raw Salesforce responses, parsed at the edge. Only the parts we read are typed; everything else
 * passes through untouched (Salesforce adds fields with every release).
 */

/** `POST /services/oauth2/token` (client credentials or JWT bearer): no refresh_token for either. */
export const SalesforceTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  instance_url: z.url(),
  id: z.string().optional(),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
});
export type SalesforceTokenResponse = z.infer<typeof SalesforceTokenResponse>;

/** `GET /query` and `GET /queryAll`: up to 2,000 records a page, then `nextRecordsUrl` until `done`. */
export const SalesforceQueryPage = z.looseObject({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.looseObject({ Id: z.string() })),
});
export type SalesforceQueryPage = z.infer<typeof SalesforceQueryPage>;

/** An Account row of our SOQL: Id and SystemModstamp always; configured fields by their API names. */
export const SalesforceAccountRecord = z.looseObject({
  Id: z.string().min(15),
  SystemModstamp: z.string(),
  IsDeleted: z.boolean().optional(),
});
export type SalesforceAccountRecord = z.infer<typeof SalesforceAccountRecord> & Record<string, unknown>;

/** One field of `GET /sobjects/Account/describe`. */
export const SalesforceDescribeField = z.looseObject({
  name: z.string(),
  label: z.string().optional(),
  type: z.string(),
  updateable: z.boolean(),
  calculated: z.boolean().optional(),
  nillable: z.boolean().optional(),
  length: z.number().int().nonnegative().optional(),
  precision: z.number().int().nonnegative().optional(),
  scale: z.number().int().nonnegative().optional(),
  picklistValues: z.array(z.looseObject({ value: z.string(), active: z.boolean().optional() })).optional(),
  restrictedPicklist: z.boolean().optional(),
});
export type SalesforceDescribeField = z.infer<typeof SalesforceDescribeField>;

export const SalesforceDescribe = z.looseObject({
  name: z.string(),
  fields: z.array(SalesforceDescribeField),
});
export type SalesforceDescribe = z.infer<typeof SalesforceDescribe>;

/** One result of sObject Collections (`/composite/sobjects`), in the order of the request's records. */
export const SalesforceSaveResult = z.looseObject({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  errors: z
    .array(
      z.looseObject({
        statusCode: z.string(),
        message: z.string(),
        fields: z.array(z.string()).optional(),
      }),
    )
    .default([]),
});
export type SalesforceSaveResult = z.infer<typeof SalesforceSaveResult>;
export const SalesforceSaveResults = z.array(SalesforceSaveResult);

/** `GET /limits`: only the daily allocation is read. */
export const SalesforceLimits = z.looseObject({
  DailyApiRequests: z.looseObject({ Max: z.number(), Remaining: z.number() }),
});

/** Bulk API 2.0 result rows (jsforce parses the CSV into objects of strings). */
export const SalesforceBulkSuccessRow = z.looseObject({ sf__Id: z.string() });
export const SalesforceBulkFailedRow = z.looseObject({
  sf__Id: z.string().optional(),
  sf__Error: z.string(),
});

/** Parses a vendor response; a failure is a SourceError naming the endpoint (never the payload). */
export function parseResponse<T>(schema: z.ZodType<T>, data: unknown, endpoint: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new SourceError(
    'SOURCE_RESPONSE_INVALID',
    'salesforce',
    `unexpected response from ${endpoint}: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}`,
    { endpoint, issues: result.error.issues.length },
  );
}
