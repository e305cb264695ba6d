import type { Command } from 'commander';
import {
  INTEGRATION_PERMISSION_SET,
  checkOrg,
  createSalesforceConnection,
  formatOrgProblem,
  loadOrgMetadata,
  type OrgCheckResult,
} from '../../../connectors/salesforce/index.ts';
import { UsageError } from '../../errors.ts';
import { appContext } from '../context.ts';
import { runCommand } from '../run-command.ts';

export function formatOrgCheck(r: OrgCheckResult): string[] {
  const assigned =
    r.assigned === null
      ? 'its permission sets unreadable (needs "View Setup and Configuration"), so judged from describe alone'
      : `permission sets: ${r.assigned.join(', ') || 'none'}`;
  const head = `Salesforce org check as ${r.username} (${assigned})`;
  if (r.problems.length === 0)
    return [`${head}: the package's objects, fields and permissions are all there`];
  const lines = [`${head}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`];
  for (const p of r.problems) lines.push(`  ${formatOrgProblem(p)}`);
  if (r.assigned !== null && !r.assigned.includes(INTEGRATION_PERMISSION_SET))
    lines.push(`  (permission set ${INTEGRATION_PERMISSION_SET} is not assigned to ${r.username})`);
  lines.push(
    '  Deploy connectors/salesforce/org (see connectors/salesforce/README.md, "Deploying the package") and assign the permission sets.',
  );
  return lines;
}

/** `health-sync salesforce check`: what the connected org lacks of the package in connectors/salesforce/org. */
export function registerSalesforce(program: Command): void {
  const salesforce = program.command('salesforce').description('the Salesforce org health-sync writes to');
  salesforce
    .command('check')
    .description(
      'compare the connected org with the package in connectors/salesforce/org (objects, fields, types, ' +
        'and what the integration user may do), with reads only; exit 1 when something is missing',
    )
    .option('--json', 'print the result as JSON')
    .action((opts: { json?: boolean }) =>
      runCommand(async (scrubber) => {
        const { env } = appContext(scrubber);
        if (!env.salesforce)
          throw new UsageError(
            'salesforce check needs Salesforce credentials (SF_LOGIN_URL, SF_CLIENT_ID and a secret or key)',
          );
        const metadata = loadOrgMetadata();
        const session = await createSalesforceConnection(env.salesforce).session();
        const result = await checkOrg(session, metadata);
        if (opts.json) console.log(JSON.stringify({ ok: result.problems.length === 0, ...result }, null, 2));
        else {
          const [first, ...rest] = formatOrgCheck(result);
          console.log(first);
          for (const line of rest) console.log(line);
        }
        return result.problems.length === 0 ? 0 : 1;
      }),
    );
}
