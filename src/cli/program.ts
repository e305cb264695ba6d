import { Command, CommanderError } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command, loaded only when it is the one asked for: a command module pulls in the store, the
 * connectors and the pipeline, which is most of a start's CPU. `--version` loads none; `--help`, no
 * command or an unknown one loads them all (commander lists them and suggests the nearest).
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  sync: async () => (await import('./commands/sync.ts')).registerSync,
  demo: async () => (await import('./commands/demo.ts')).registerDemo,
  validate: async () => (await import('./commands/validate.ts')).registerValidate,
  sandbox: async () => (await import('./commands/sandbox.ts')).registerSandbox,
  preview: async () => (await import('./commands/preview.ts')).registerPreview,
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  'hash-key': async () => (await import('./commands/hash-key.ts')).registerHashKey,
  unmatched: async () => (await import('./commands/unmatched.ts')).registerUnmatched,
  history: async () => (await import('./commands/history.ts')).registerHistory,
  salesforce: async () => (await import('./commands/salesforce.ts')).registerSalesforce,
  worker: async () => (await import('./commands/worker.ts')).registerWorker,
};

const VERSION_FLAGS = new Set(['-V', '--version']);

/** The commands a command line needs registered: its command, none for `--version`, else all. */
export function commandsFor(args: readonly string[]): string[] {
  const first = args[0];
  if (first !== undefined && first in COMMANDS) return [first];
  if (args.length === 1 && first !== undefined && VERSION_FLAGS.has(first)) return [];
  return Object.keys(COMMANDS);
}

export async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command('health-sync')
    .description('Account health scores from Zendesk, Genesys Cloud and Jira, written back to Salesforce')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  const names = commandsFor(args);
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  return program;
}

export async function runProgram(argv: readonly string[]): Promise<void> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync([...argv]);
  } catch (err) {
    // Bad arguments: commander has printed the message already.
    if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2;
    else throw err;
  }
}
