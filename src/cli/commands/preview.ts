import type { Command } from 'commander';
import { loadMappings } from '../../config/mappings/load.ts';
import { UsageError } from '../../errors.ts';
import { previewAccount, previewMappings } from '../../sync/stages/preview.ts';
import { estimateRereads } from '../../sync/stages/reread-estimate.ts';
import { lastScoredStamp } from '../../sync/stages/scoring-config.ts';
import { versionWarnings } from '../../config/mappings/version-warnings.ts';
import { accountPreviewText, mappingPreviewText } from '../../score/preview-text.ts';
import { describeStore, openStore, storeMayExist } from '../../store/open-store.ts';
import { appContext } from '../context.ts';
import { runCommand } from '../run-command.ts';

interface PreviewOptions {
  account?: string;
  mappings?: string;
  json?: boolean;
  now?: string;
}

/** `--now` as an ISO date-time or epoch milliseconds; the clock otherwise. */
export function parseNow(text: string | undefined, clock: () => number = Date.now): number {
  if (text === undefined) return clock();
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms))
    throw new UsageError(`--now: "${text}" is neither an ISO date-time nor epoch milliseconds`);
  return ms;
}

export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description(
      'what-if, without writing anything: the score breakdown of one account (--account), or which accounts a proposed mapping directory would change (--mappings)',
    )
    .option('--account <id>', 'a Salesforce Account Id: its measures, score, status, trend and drivers')
    .option('--mappings <dir>', 'a proposed mapping directory, compared with the current one ($MAPPINGS_DIR)')
    .option('--json', 'print the result as JSON')
    .option('--now <when>', 'score as of this time (ISO date-time or epoch ms; default: now)')
    .action((opts: PreviewOptions) =>
      runCommand(async (scrubber) => {
        if (opts.account === undefined && opts.mappings === undefined)
          throw new UsageError('preview needs --account ID or --mappings DIR');
        const now = parseNow(opts.now);
        const { env } = appContext(scrubber);
        const current = await loadMappings(env.mappingsDir);
        const proposed = opts.mappings === undefined ? undefined : await loadMappings(opts.mappings);
        // Opening a missing store would create one: a preview must not write.
        if (!storeMayExist(env))
          throw new UsageError(`no state store at ${describeStore(env)} (HEALTH_SYNC_DB): run a sync first`);
        const store = await openStore(env);
        try {
          if (opts.account !== undefined) {
            // With --mappings too, the breakdown is the proposed mappings' one.
            const result = await previewAccount(store, (proposed ?? current).mappings, opts.account, now);
            if (!result) throw new UsageError(`no account ${opts.account} in the state store`);
            console.log(opts.json ? JSON.stringify(result, null, 2) : accountPreviewText(result));
          } else {
            // Against the scorecard the latest scores were computed with, else the one in force.
            const warnings = versionWarnings((await lastScoredStamp(store.meta)) ?? current, proposed!);
            const reread = await estimateRereads(store, env, proposed!.mappings, now);
            const result = await previewMappings(store, current.mappings, proposed!.mappings, now, {
              warnings,
              reread,
            });
            console.log(opts.json ? JSON.stringify(result, null, 2) : mappingPreviewText(result));
          }
        } finally {
          await store.close();
        }
      }),
    );
}
