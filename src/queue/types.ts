import { z } from 'zod';
import { SOURCE_NAMES } from '../sources.ts';
import type { TenantContext } from '../tenants/index.ts';

export type { TenantContext };

/** Finds a tenant by id at the time its job runs (undefined: removed since the job was queued). */
export type ResolveTenant = (id: string) => Promise<TenantContext | undefined>;

const tenantId = z.string().min(1).max(100);

/** A sync job: read these sources of one tenant (then match, score and write, as `sync` does). */
export const SyncJobData = z.object({
  tenant: tenantId,
  sources: z.array(z.enum(SOURCE_NAMES as unknown as [string, ...string[]])).min(1),
  full: z.boolean().default(false),
  trigger: z.string().min(1).max(200),
});
export type SyncJobData = z.output<typeof SyncJobData>;

/** A score job: match, score and write back one tenant, reading no source. */
export const ScoreJobData = z.object({
  tenant: tenantId,
  trigger: z.string().min(1).max(200),
});
export type ScoreJobData = z.output<typeof ScoreJobData>;
