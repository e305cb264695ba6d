import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { runCommand } from '../run-command.ts';

/** Commands whose implementation lands with later issues; registered so the CLI contract is visible. */
const PENDING: { name: string; description: string }[] = [
  { name: 'sync', description: 'read sources incrementally, score, write back to Salesforce' },
  { name: 'preview', description: 'what-if: score breakdown of one account or a proposed mapping directory' },
  { name: 'serve', description: 'admin API and scheduler' },
  { name: 'sandbox', description: 'start the four API simulators and print the env vars that point at them' },
  { name: 'demo', description: 'sandbox + full sync + summary' },
];

export function registerPending(program: Command): void {
  for (const { name, description } of PENDING)
    program
      .command(name)
      .description(`${description} (not available in this build yet)`)
      .allowUnknownOption()
      .action(() =>
        runCommand(() =>
          Promise.reject(new UsageError(`"health-sync ${name}" is not available in this build yet`)),
        ),
      );
}
