import { type WritePlan, estimatedRequests } from './plan.ts';
import type { WrittenValue } from './types.ts';

export interface FormatPlanOptions {
  json?: boolean;
  /** How many accounts to show (text) or include (JSON); all of them in JSON by default. */
  sample?: number;
}

const show = (v: WrittenValue | undefined): string => {
  if (v === undefined) return '(never written)';
  if (v === null) return '(empty)';
  if (typeof v === 'number') return String(v);
  const oneLine = v.replace(/\s*\n\s*/g, ' | ');
  return JSON.stringify(oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine);
};

/** What `sync --dry-run` prints: counts, the method, and a sample of changes (or the plan as JSON). */
export function formatPlan(plan: WritePlan, options: FormatPlanOptions = {}): string {
  const requests = estimatedRequests(plan);
  if (options.json) {
    const updates = options.sample === undefined ? plan.updates : plan.updates.slice(0, options.sample);
    return JSON.stringify(
      {
        object: plan.object,
        method: plan.method,
        toUpdate: plan.updates.length,
        unchanged: plan.unchanged,
        skipped: plan.skipped.length,
        estimatedRequests: requests,
        fieldCounts: plan.fieldCounts,
        updates,
        skippedAccounts: plan.skipped,
      },
      null,
      2,
    );
  }
  const how = plan.method === 'bulk' ? 'one Bulk API 2.0 job' : 'sObject Collections';
  const lines = [
    `Write plan (${plan.object}): ${plan.updates.length} to update, ${plan.unchanged} unchanged, ${plan.skipped.length} skipped` +
      (plan.updates.length ? ` — ${how}, about ${requests} API request${requests === 1 ? '' : 's'}` : ''),
  ];
  const counts = Object.entries(plan.fieldCounts).sort(([a], [b]) => a.localeCompare(b));
  if (counts.length) lines.push(`Fields: ${counts.map(([f, n]) => `${f} ${n}`).join(', ')}`);
  const sample = plan.updates.slice(0, options.sample ?? 10);
  if (sample.length) lines.push(`Sample (${sample.length} of ${plan.updates.length}):`);
  for (const u of sample) {
    lines.push(`  ${u.accountId}`);
    for (const [field, value] of Object.entries(u.fields))
      lines.push(`    ${field}: ${show(u.previous[field])} → ${show(value)}`);
  }
  if (plan.skipped.length)
    lines.push(
      `Skipped: ${plan.skipped
        .slice(0, 5)
        .map((s) => s.accountId)
        .join(', ')}${plan.skipped.length > 5 ? ', …' : ''} (${plan.skipped[0]!.reason})`,
    );
  return lines.join('\n');
}
