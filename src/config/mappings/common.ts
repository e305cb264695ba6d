import { z } from 'zod';

export const positive = z.number().positive();
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2025-01-01');
/** A Salesforce field API name: `Name`, `Tier__c`, `ns__Field__c`. */
export const sfFieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a Salesforce field API name such as Tier__c');
/** A condition on an account field (a segment or a signal's scope). */
export const AccountCondition = z
  .object({
    field: z.string().min(1),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number()])).min(1).optional(),
  })
  .strict()
  .refine((c) => (c.equals === undefined) !== (c.in === undefined), 'give exactly one of `equals` or `in`');
export type AccountCondition = z.infer<typeof AccountCondition>;
