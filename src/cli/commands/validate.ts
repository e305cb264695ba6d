import type { Command } from 'commander';
import { formatProblem } from '../../errors.ts';
import { readMappingTexts, validateMappingTexts } from '../../config/mappings/load.ts';
import { runCommand } from '../run-command.ts';
import { defaultMappingsDir } from '../context.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a mapping directory: every problem with its file, path and line; exit 2 when invalid')
    .option('--mappings <dir>', 'the mapping directory (default: $MAPPINGS_DIR or ./mappings)')
    .option('--json', 'print the result as JSON')
    .action((opts: { mappings?: string; json?: boolean }) =>
      runCommand(async () => {
        const dir = opts.mappings ?? defaultMappingsDir();
        const texts = await readMappingTexts(dir);
        const result = validateMappingTexts(texts, dir);
        if (opts.json) {
          console.log(
            JSON.stringify(
              result.ok
                ? { valid: true, digest: result.loaded.digest }
                : { valid: false, problems: result.problems },
              null,
              2,
            ),
          );
        } else if (result.ok) {
          console.log(
            `${dir}: valid (${Object.keys(texts).length} files, digest ${result.loaded.digest}, scorecard ${result.loaded.mappings.scorecard.version})`,
          );
        } else {
          console.error(
            `${dir}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`,
          );
          for (const p of result.problems) console.error(`  ${formatProblem(p)}`);
        }
        return result.ok ? 0 : 2;
      }),
    );
}
