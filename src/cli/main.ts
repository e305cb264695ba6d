import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate.ts';
import { registerPending } from './commands/pending.ts';

export function buildProgram(): Command {
  const program = new Command('health-sync')
    .description('Account health scores from Zendesk, Genesys Cloud and Jira, written back to Salesforce')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  registerValidate(program);
  registerPending(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  // Bad arguments: commander has printed the message already.
  if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2;
  else throw err;
}
