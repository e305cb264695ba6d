import { InvalidArgumentError, type Command } from 'commander';
import { loadMappings } from '../../config/mappings/load.ts';
import { MATCHED_SOURCES } from '../../config/mappings/accounts.ts';
import { type MatchedSource, unmatchedReport } from '../../sync/stages/match/unmatched-report.ts';
import { openStore } from '../../store/open-store.ts';
import { appContext } from '../context.ts';
import { formatUnmatched } from '../format-unmatched.ts';
import { runCommand } from '../run-command.ts';

const source = (value: string, previous: MatchedSource[] = []): MatchedSource[] => {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names)
    if (!MATCHED_SOURCES.includes(name as MatchedSource))
      throw new InvalidArgumentError(`one of ${MATCHED_SOURCES.join(', ')}`);
  return [...previous, ...(names as MatchedSource[])];
};
const limit = (value: string): number => {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('a number from 1 to 9999');
  return Number(value);
};

/** `health-sync unmatched`: what is unlinked in the store now, and the keys behind it. */
export function registerUnmatched(program: Command): void {
  program
    .command('unmatched')
    .description(
      'what is linked to no account now, per source and rule, and the keys behind it (Zendesk organizations, ' +
        'email domains, Jira issues and account references, Genesys external org ids; callers only as a count)',
    )
    .option('--source <list>', `only these sources, comma-separated (${MATCHED_SOURCES.join(',')})`, source)
    .option('--limit <n>', 'at most this many keys per list', limit, 20)
    .option('--json', 'print the report as JSON')
    .action((opts: { source?: MatchedSource[]; limit: number; json?: boolean }) =>
      runCommand(async (scrubber) => {
        const { env } = appContext(scrubber);
        const { mappings } = await loadMappings(env.mappingsDir);
        const store = await openStore(env);
        try {
          const report = await unmatchedReport(store, mappings.accounts.rules, {
            limit: opts.limit,
            ...(opts.source ? { sources: opts.source } : {}),
          });
          console.log(opts.json ? JSON.stringify(report, null, 2) : formatUnmatched(report));
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
}
