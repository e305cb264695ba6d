import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, type ConfigProblem } from '../../errors.ts';
import {
  MAPPING_FILES,
  OPTIONAL_MAPPING_FILES,
  type LoadedMappings,
  type MappingName,
  type Mappings,
  type OptionalMappingName,
} from './index.ts';
import { digestOf } from './digest.ts';
import { scorecardDigest } from './provenance.ts';
import { defaultSchedule, type ScheduleMapping } from './schedule.ts';
import { semanticProblems } from './semantic.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';

/** The text of each mapping file, by name; optional files (schedule) may be absent. */
export type MappingTexts = Partial<Record<MappingName | OptionalMappingName, string>>;

/** Reads the directory's text of each mapping file (missing ones are absent). */
export async function readMappingTexts(dir: string): Promise<MappingTexts> {
  const out: MappingTexts = {};
  const files = { ...MAPPING_FILES, ...OPTIONAL_MAPPING_FILES };
  for (const [name, { file }] of Object.entries(files) as [MappingName | OptionalMappingName, { file: string }][]) {
    try {
      out[name] = await readFile(join(dir, file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return out;
}

/** Problems listed per file: past this, the rest is one line saying how many more there are. */
export const MAX_PROBLEMS_PER_FILE = 100;

/**
 * The outcome of a validation. `refused` lists the files that were not read at all (over the size
 * limit, an alias bomb): the admin API answers those with 400 rather than a list of problems.
 */
export type MappingValidation =
  | { ok: true; loaded: LoadedMappings }
  | { ok: false; problems: ConfigProblem[]; refused?: ConfigProblem[] };

/**
 * Validates mapping texts in two passes, a strict shape per file then the cross-file semantic
 * pass, and returns every problem at once (with line numbers, up to MAX_PROBLEMS_PER_FILE per file),
 * or the configuration. Linear in the size of the texts.
 */
export function validateMappingTexts(texts: MappingTexts, dir = '.'): MappingValidation {
  const result = validateAll(texts, dir);
  return result.ok ? result : { ...result, problems: capProblems(result.problems) };
}

function capProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const perFile = new Map<string, number>();
  const out: ConfigProblem[] = [];
  for (const p of problems) {
    const seen = (perFile.get(p.file) ?? 0) + 1;
    perFile.set(p.file, seen);
    if (seen <= MAX_PROBLEMS_PER_FILE) out.push(p);
  }
  for (const [file, count] of perFile)
    if (count > MAX_PROBLEMS_PER_FILE)
      out.push({
        file,
        path: [],
        message: `and ${(count - MAX_PROBLEMS_PER_FILE).toLocaleString('en')} more problems in this file (fix the ones above first)`,
      });
  return out;
}

function validateAll(texts: MappingTexts, dir: string): MappingValidation {
  const problems: ConfigProblem[] = [];
  const refused: ConfigProblem[] = [];
  const sources: Partial<Record<MappingName, YamlSource>> = {};
  const values: Partial<Record<string, unknown>> = {};

  for (const [name, { file, schema }] of Object.entries(MAPPING_FILES) as [MappingName, (typeof MAPPING_FILES)[MappingName]][]) {
    const text = texts[name];
    if (text === undefined) {
      problems.push({ file, path: [], message: `missing: every mapping directory needs ${file} (copy it from the shipped mappings/)` });
      continue;
    }
    const parsed = parseYaml(file, text);
    problems.push(...parsed.problems);
    if (parsed.refused) refused.push(...parsed.problems);
    if (!parsed.source) continue;
    const result = schema.safeParse(parsed.source.value ?? {});
    if (result.success) {
      values[name] = result.data;
      // Only the semantic pass needs the parsed documents, and only when no file has a problem:
      // otherwise they go, so a set of large invalid files never holds every document at once.
      if (problems.length === 0) sources[name] = parsed.source;
      else for (const n of Object.keys(sources) as MappingName[]) delete sources[n];
      continue;
    }
    for (const n of Object.keys(sources) as MappingName[]) delete sources[n];
    for (const issue of result.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          problems.push({ file, path: [...path, key], message: 'unknown key (check its spelling and its indentation)', ...lineAt(parsed.source, [...path, key]) });
      } else {
        problems.push({ file, path, message: issue.message, ...lineAt(parsed.source, path) });
      }
    }
  }
  const schedule = validateSchedule(texts.schedule, problems, refused);
  if (problems.length) return { ok: false, problems, ...(refused.length ? { refused } : {}) };

  const mappings = values as Mappings;
  for (const p of semanticProblems(mappings)) {
    const name = (Object.keys(MAPPING_FILES) as MappingName[]).find((n) => MAPPING_FILES[n].file === p.file);
    const src = name && sources[name];
    problems.push({ ...p, ...(src ? lineAt(src, p.path) : {}) });
  }
  if (problems.length) return { ok: false, problems };

  const digests = Object.fromEntries(
    (Object.keys(MAPPING_FILES) as MappingName[]).map((n) => [n, digestOf(mappings[n])]),
  ) as Record<MappingName, string>;
  // The scorecard's content digest is taken here, where loading runs (a worker, under `serve`): it
  // walks the whole scorecard, which the API's request thread must not do for a large one.
  const loaded = { dir: resolve(dir), mappings, digests, digest: digestOf(digests), schedule };
  return { ok: true, loaded: { ...loaded, scorecardDigest: scorecardDigest(mappings.scorecard) } };
}

/** schedule.yaml is optional: absent means the defaults. */
function validateSchedule(
  text: string | undefined,
  problems: ConfigProblem[],
  refused: ConfigProblem[],
): ScheduleMapping {
  const { file, schema } = OPTIONAL_MAPPING_FILES.schedule;
  if (text === undefined) return defaultSchedule();
  const parsed = parseYaml(file, text);
  problems.push(...parsed.problems);
  if (parsed.refused) refused.push(...parsed.problems);
  if (!parsed.source) return defaultSchedule();
  const result = schema.safeParse(parsed.source.value ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
    for (const at of keys)
      problems.push({
        file,
        path: at,
        message: issue.code === 'unrecognized_keys' ? 'unknown key (check its spelling and its indentation)' : issue.message,
        ...lineAt(parsed.source, at),
      });
  }
  return defaultSchedule();
}

function lineAt(src: YamlSource, path: (string | number)[]): { line?: number } {
  const line = src.lineOf(path);
  return line === undefined ? {} : { line };
}

/** Loads and validates a mapping directory; throws one `ConfigError` listing every problem. */
export async function loadMappings(dir: string): Promise<LoadedMappings> {
  const result = validateMappingTexts(await readMappingTexts(dir), dir);
  if (!result.ok) throw new ConfigError(result.problems, `The mappings in ${dir} are not valid`);
  return result.loaded;
}
