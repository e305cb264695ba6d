import { Command, CommanderError } from 'commander';
import { registerDemo } from './commands/demo.ts';
import { registerSync } from './commands/sync.ts';
import { registerValidate } from './commands/validate.ts';
import { registerSandbox } from './commands/sandbox.ts';
import { registerPreview } from './commands/preview.ts';
import { registerServe } from './commands/serve.ts';
import { registerHashKey } from './commands/hash-key.ts';
import { registerUnmatched } from './commands/unmatched.ts';
import { registerHistory } from './commands/history.ts';
import { registerSalesforce } from './commands/salesforce.ts';
import { registerWorker } from './commands/worker.ts';

export function buildProgram(): Command {
  const program = new Command('health-sync')
    .description('Account health scores from Zendesk, Genesys Cloud and Jira, written back to Salesforce')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  registerSync(program);
  registerDemo(program);
  registerValidate(program);
  registerSandbox(program);
  registerPreview(program);
  registerServe(program);
  registerHashKey(program);
  registerUnmatched(program);
  registerHistory(program);
  registerSalesforce(program);
  registerWorker(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  // Bad arguments: commander has printed the message already.
  if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2;
  else throw err;
}
