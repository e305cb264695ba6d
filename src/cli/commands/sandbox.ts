import type { Command } from 'commander';
import { sandboxOptionsFromFlags, untilSignal, type SandboxFlags } from '../../sandbox/options-cli.ts';
import { startSandbox } from '../../sandbox/start.ts';
import { runCommand } from '../run-command.ts';

/** `health-sync sandbox`: the four simulators on 127.0.0.1 until Ctrl-C, with the env that points at them. */
export function registerSandbox(program: Command): void {
  program
    .command('sandbox')
    .description(
      'start the Zendesk, Jira, Genesys and Salesforce simulators and print the env vars that point at them',
    )
    .option('--seed <n>', 'dataset seed (same seed and size, same data)')
    .option('--accounts <n>', 'number of accounts, 50 to 20000 (default 200)')
    .option('--tickets <n>', 'number of tickets (default 50 per account, at most 1000000)')
    .option(
      '--faults <spec>',
      'e.g. "error=0.05,reset=0.01,jira.lag=30,genesys.token=50,zendesk.malformed=3"',
    )
    .option('--rate-limits <mode>', 'documented (default) or off')
    .option('--port-base <n>', 'listen on ports n..n+4 instead of free ports')
    .option('--now <time>', "the dataset's now (ISO date or epoch ms; default today 00:00 UTC)")
    .option('--zendesk-auth <kind>', 'token (default) or oauth credentials in the printed env')
    .option(
      '--salesforce-omit-field <Object.Field>',
      'start the Salesforce org without this field (repeatable), e.g. Account.Health_Override_Reason__c',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action((opts: SandboxFlags) =>
      runCommand(async () => {
        const sandbox = await startSandbox(sandboxOptionsFromFlags(opts));
        // Listen for Ctrl-C before saying we are ready, so that an early signal is not lost.
        const stopped = untilSignal();
        const { urls, dataset } = sandbox;
        const o = dataset.options;
        console.log(
          `health-sync sandbox: seed ${o.seed}, ${o.accounts} accounts, ${o.tickets} tickets, ${o.calls} calls, ${o.issues} issues`,
        );
        console.log(`  Zendesk     ${urls.zendesk}`);
        console.log(`  Jira        ${urls.jira}`);
        console.log(`  Genesys     ${urls.genesysApi} (login ${urls.genesysLogin})`);
        console.log(`  Salesforce  ${urls.salesforce}`);
        console.log(
          `  Scenario accounts: ${Object.entries(dataset.scenarios)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        );
        console.log('\n# point health-sync at the sandbox:');
        for (const [k, v] of Object.entries(sandbox.env)) console.log(`export ${k}=${JSON.stringify(v)}`);
        console.log('\n# Ctrl-C to stop');
        await stopped;
        await sandbox.close();
        return 0;
      }),
    );
}
