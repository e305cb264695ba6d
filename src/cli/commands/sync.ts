import type { Command } from 'commander';
import { loadMappings } from '../../config/mappings/load.ts';
import { UsageError } from '../../errors.ts';
import { SOURCE_NAMES, type SourceName } from '../../sources.ts';
import { openStore } from '../../store/open-store.ts';
import { createPipeline } from '../../sync/pipeline.ts';
import { formatPlan } from '../../writeback/format-plan.ts';
import type { WritePlan } from '../../writeback/plan.ts';
import { appContext } from '../context.ts';
import { formatRun } from '../format-run.ts';
import { progressReporter } from '../progress-text.ts';
import { runCommand } from '../run-command.ts';

export function parseSources(value: string | undefined): SourceName[] {
  if (!value) return [];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !SOURCE_NAMES.includes(n as SourceName));
  if (unknown.length)
    throw new UsageError(`unknown source ${unknown.join(', ')} (known: ${SOURCE_NAMES.join(', ')})`);
  return names as SourceName[];
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('one run: read sources incrementally, match, score, write changes back to Salesforce')
    .option('--full', 'ignore cursors and read every source from its start date')
    .option('--dry-run', 'print the Salesforce write plan and write nothing to Salesforce')
    .option('--source <list>', `only these sources, comma-separated (${SOURCE_NAMES.join(',')})`)
    .option('--json', 'print the run record as JSON')
    .action((opts: { full?: boolean; dryRun?: boolean; source?: string; json?: boolean }) =>
      runCommand(async (scrubber) => {
        const sources = parseSources(opts.source);
        const { env, logger, status } = appContext(scrubber);
        const mappings = await loadMappings(env.mappingsDir);
        const store = await openStore(env);
        const controller = new AbortController();
        const stop = (): void => {
          logger.warn('stopping after the current page (send again to exit at once)');
          if (controller.signal.aborted) process.exit(1);
          controller.abort();
        };
        process.on('SIGINT', stop).on('SIGTERM', stop);
        let plan: WritePlan | undefined;
        try {
          const pipeline = createPipeline({
            env,
            store,
            mappings: () => mappings,
            log: logger,
            scrubber,
            onPlan: (p) => (plan = p),
          });
          const run = await pipeline.run(
            { full: Boolean(opts.full), dryRun: Boolean(opts.dryRun), sources, trigger: 'cli' },
            { signal: controller.signal, ...(status ? { onProgress: progressReporter(status) } : {}) },
          );
          status?.clear();
          if (opts.json)
            console.log(
              JSON.stringify(
                opts.dryRun && plan
                  ? { run, plan: JSON.parse(formatPlan(plan, { json: true })) as unknown }
                  : run,
                null,
                2,
              ),
            );
          else {
            console.log(formatRun(run));
            if (opts.dryRun && plan) console.log(`\n${formatPlan(plan, { sample: 10 })}`);
          }
          return run.status === 'succeeded' ? 0 : 1;
        } finally {
          process.off('SIGINT', stop).off('SIGTERM', stop);
          status?.clear();
          await store.close();
        }
      }),
    );
}
