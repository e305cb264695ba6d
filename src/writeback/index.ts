/** Write-back to Salesforce: plan (pure), apply, and alerts for CSMs. */
export { alertCandidates, processAlerts } from './alerts.ts';
export type { AlertDeps, AlertInput, AlertResult } from './alerts.ts';
export { applyWritePlan } from './apply.ts';
export type { ApplyDeps, WriteFailure, WriteResult } from './apply.ts';
export { formatPlan } from './format-plan.ts';
export type { FormatPlanOptions } from './format-plan.ts';
export { WRITE_LEASE, acquireWriteLease } from './lease.ts';
export { buildWritePlan, estimatedRequests } from './plan.ts';
export type { PlanInput, PlannedUpdate, WritePlan } from './plan.ts';
export { detectStatusDrops } from './status-drops.ts';
