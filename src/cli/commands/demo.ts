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
import { serveDemo } from '../demo-serve.ts';

/**
 * `health-sync demo`: the sandbox with its seeded fintech book, one full sync of all four sources
 * (which rebuilds the score history from the facts, so trends show at once), scoring and write-back
 * to the simulated Salesforce, then a second run that only re-scores, to show that an unchanged book
 * writes almost nothing. No credentials, nothing outside a temp dir. On a terminal it then serves the
 * console over the demo's database until Ctrl-C (`--no-serve`, a piped stdout and CI stop after the
 * summary, as before; `--serve` serves anyway, for the browser tests).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('sandbox + full sync of all four sources + score + write-back, with a summary')
    .option('--accounts <n>', 'accounts in the sandbox book', '200')
    .option('--seed <n>', 'dataset seed', '1')
    .option('--keep', 'keep the demo database and print its path')
    .option('--serve', 'serve the console after the summary even when stdout is not a terminal')
    .option('--no-serve', 'stop after the summary (the default when stdout is not a terminal, and in CI)')
    .option('--port <n>', 'port of the console (default: any free port)', '0')
    .action((opts: { accounts: string; seed: string; keep?: boolean; serve?: boolean; port: string }) =>
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
        const serve = opts.serve ?? (process.stdout.isTTY && !process.env['CI']);
        let code: number;
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
          console.log(`\nSecond run (score only; then the older history):\n${formatRun(rescore)}`);

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
          code = full.status === 'failed' || rescore.status === 'failed' ? 1 : 0;
        } catch (err) {
          await store.close();
          await sandbox.close();
          if (!opts.keep) rmSync(dir, { recursive: true, force: true });
          throw err;
        }
        await store.close();
        try {
          if (serve && code === 0)
            code = await serveDemo({
              dir,
              sandboxEnv: sandbox.env,
              mappingsDir: defaultMappingsDir(),
              dbPath: env.dbPath,
              port: Number(opts.port),
              extraTokensFile: process.env['ADMIN_TOKENS_FILE'],
              logger: log,
              scrubber,
              print: (line) => console.log(line),
            });
          return code;
        } finally {
          await sandbox.close();
          if (!opts.keep) rmSync(dir, { recursive: true, force: true });
        }
      }),
    );
}
