import type { Command } from 'commander';
import { validateAgainstOrg } from '../../../connectors/salesforce/index.ts';
import { loadEnv, type AppEnv } from '../../config/env.ts';
import { rereadText, type Reread } from '../../facts/reread.ts';
import { estimateRereads } from '../../sync/stages/reread-estimate.ts';
import { MAPPING_FILES, type LoadedMappings, type MappingName } from '../../config/mappings/index.ts';
import { provenanceVersion } from '../../config/mappings/provenance.ts';
import { versionWarnings } from '../../config/mappings/version-warnings.ts';
import { lastScoredStamp } from '../../sync/stages/scoring-config.ts';
import { readMappingTexts, validateMappingTexts, type MappingTexts } from '../../config/mappings/load.ts';
import { parseYaml } from '../../config/mappings/yaml-source.ts';
import { formatProblem, type ConfigProblem } from '../../errors.ts';
import { openStore, storeMayExist } from '../../store/open-store.ts';
import { defaultMappingsDir } from '../context.ts';
import { runCommand } from '../run-command.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description(
      'check a mapping directory: every problem with its file, path and line; with Salesforce credentials, ' +
        'also each write target against the org; exit 2 when invalid',
    )
    .option('--mappings <dir>', 'the mapping directory (default: $MAPPINGS_DIR or ./mappings)')
    .option('--offline', 'skip the check against the Salesforce org even when credentials are set')
    .option('--json', 'print the result as JSON')
    .action((opts: { mappings?: string; json?: boolean; offline?: boolean }) =>
      runCommand(async () => {
        const dir = opts.mappings ?? defaultMappingsDir();
        const texts = await readMappingTexts(dir);
        const result = validateMappingTexts(texts, dir);
        const problems: ConfigProblem[] = result.ok ? [] : result.problems;
        let checkedOrg = false;
        if (result.ok && !opts.offline) {
          // Only the Salesforce part of the environment matters here, but a broken environment is still reported.
          const env = loadEnv();
          if (env.salesforce) {
            const store = await openStore(env);
            try {
              const refused = await validateAgainstOrg(env.salesforce, result.loaded.mappings, {
                meta: store.meta,
              });
              problems.push(...refused.map((p) => withLine(texts, p)));
              checkedOrg = true;
            } finally {
              await store.close();
            }
          }
        }
        const valid = problems.length === 0;
        const { warnings, reread } = result.ok ? await storeNotes(result.loaded) : NO_NOTES;
        if (opts.json) {
          console.log(
            JSON.stringify(
              valid && result.ok
                ? {
                    valid,
                    digest: result.loaded.digest,
                    scorecardVersion: provenanceVersion(result.loaded.mappings.scorecard),
                    checkedOrg,
                    warnings,
                    reread,
                  }
                : { valid: false, problems },
              null,
              2,
            ),
          );
        } else if (valid && result.ok) {
          const org = checkedOrg ? ', write targets checked against the Salesforce org' : '';
          console.log(
            `${dir}: valid (${Object.keys(texts).length} files, digest ${result.loaded.digest}, scorecard ${provenanceVersion(result.loaded.mappings.scorecard)}${org})`,
          );
          for (const w of warnings) console.error(`warning: ${w}`);
          if (reread) for (const line of rereadText(reread)) console.log(line);
        } else {
          console.error(`${dir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
          for (const p of problems) console.error(`  ${formatProblem(p)}`);
        }
        return valid ? 0 : 2;
      }),
    );
}

const NO_NOTES = { warnings: [] as string[], reread: undefined };

/**
 * What the state store says of these files: the same-label warning (against the scorecard the latest
 * scores were computed with) and the streams the next sync would read again from their start. Neither
 * without a store (a missing one is not created) or a readable environment.
 */
async function storeNotes(
  loaded: LoadedMappings,
): Promise<{ warnings: string[]; reread: Reread[] | undefined }> {
  let env: AppEnv;
  try {
    env = loadEnv();
  } catch {
    return NO_NOTES;
  }
  if ((env.databaseUrl === undefined && env.dbPath === ':memory:') || !storeMayExist(env)) return NO_NOTES;
  const store = await openStore(env);
  try {
    return {
      warnings: versionWarnings(await lastScoredStamp(store.meta), loaded),
      reread: await estimateRereads(store, env, loaded.mappings, Date.now()),
    };
  } finally {
    await store.close();
  }
}

/** The org's problems know their file and path; the line comes from the file's text. */
function withLine(texts: MappingTexts, p: ConfigProblem): ConfigProblem {
  if (p.line !== undefined) return p;
  const name = (Object.keys(MAPPING_FILES) as MappingName[]).find((n) => MAPPING_FILES[n].file === p.file);
  const text = name && texts[name];
  const line = text === undefined || text === '' ? undefined : parseYaml(p.file, text).source?.lineOf(p.path);
  return line === undefined ? p : { ...p, line };
}
