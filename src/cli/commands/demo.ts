import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseEnv } from '../../config/env.ts';
import { loadMappings } from '../../config/mappings/load.ts';
import { createLogger } from '../../log/logger.ts';
import { startSandbox } from '../../sandbox/start.ts';
import { openSqliteStore } from '../../store/open-sqlite.ts';
import { createPipeline } from '../../sync/pipeline.ts';
import { atRiskTable, statusCounts } from '../demo-report.ts';
import { defaultMappingsDir, envSecrets } from '../context.ts';
import { formatRun } from '../format-run.ts';
import { runCommand } from '../run-command.ts';

/**
 * `health-sync demo`: the sandbox with its seeded fintech book, one full sync of all four sources
 * (which rebuilds the score history from the facts, so trends show at once), scoring and write-back
 * to the simulated Salesforce, then a second run that only re-scores, to show that an unchanged book
 * writes almost nothing. No credentials, nothing outside a temp dir.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('sandbox + full sync of all four sources + score + write-back, with a summary')
    .option('--accounts <n>', 'accounts in the sandbox book', '200')
    .option('--seed <n>', 'dataset seed', '1')
    .option('--keep', 'keep the demo database and print its path')
    .action((opts: { accounts: string; seed: string; keep?: boolean }) =>
      runCommand(async (scrubber) => {
        const started = Date.now();
        const sandbox = await startSandbox({
          seed: Number(opts.seed),
          accounts: Number(opts.accounts),
          rateLimits: 'off',
          // Real analytics jobs take seconds to minutes; the demo's take one poll after creation.
          genesysJobPolls: 2,
          // The recommended Zendesk auth (API tokens stop working on 2027-04-30).
          zendeskAuth: 'oauth',
        });
        const dir = mkdtempSync(join(tmpdir(), 'health-sync-demo-'));
        const env = parseEnv({
          ...sandbox.env,
          HEALTH_SYNC_RATE_LIMITS: 'off',
          HEALTH_SYNC_DB: join(dir, 'demo.db'),
          LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
        });
        scrubber.add(...envSecrets(env));
        const log = createLogger({ level: env.logLevel, scrubber });
        const store = openSqliteStore(env.dbPath);
        try {
          const loaded = await loadMappings(defaultMappingsDir());
          const o = sandbox.dataset.options;
          console.log(
            `Sandbox: ${o.accounts} accounts, ${o.tickets} tickets, ${o.calls} calls, ${o.issues} Jira issues (seed ${o.seed})\n`,
          );
          const pipeline = createPipeline({ env, store, mappings: () => loaded, log, scrubber });

          const full = await pipeline.run({ full: true, dryRun: false, sources: [], trigger: 'demo' });
          console.log(formatRun(full));

          const rescore = await pipeline.run({
            full: false,
            dryRun: false,
            sources: [],
            trigger: 'demo',
            scoreOnly: true,
          });
          console.log(`\nSecond run (score only, with 7- and 30-day history):\n${formatRun(rescore)}`);

          const scores = [...(await store.scores.latestAll()).values()];
          const accounts = new Map((await store.accounts.list()).map((a) => [a.id, a]));
          console.log(
            `\nAccount health: ${statusCounts(scores)}\n\nMost at risk:\n${atRiskTable(scores, accounts, 12)}`,
          );
          const byId = await store.scores.latestAll();
          console.log(
            `\nScenario accounts the sandbox built on purpose: ${Object.entries(sandbox.dataset.scenarios)
              .map(
                ([name, id]) =>
                  `${name} → ${byId.get(id)?.status ?? 'not scored'} (${byId.get(id)?.score?.toFixed(1) ?? '—'})`,
              )
              .join(', ')}`,
          );
          console.log(
            `\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.${opts.keep ? ` Database: ${env.dbPath}` : ''}`,
          );
          return full.status === 'failed' || rescore.status === 'failed' ? 1 : 0;
        } finally {
          await store.close();
          await sandbox.close();
          if (!opts.keep) rmSync(dir, { recursive: true, force: true });
        }
      }),
    );
}
