import { createHash } from 'node:crypto';
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
import { defaultSchedule, type ScheduleMapping } from './schedule.ts';
import { semanticProblems } from './semantic.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';

export const digestOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

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

/**
 * Validates mapping texts in two passes, a strict shape per file then the cross-file semantic
 * pass, and returns every problem at once (with line numbers), or the configuration.
 */
export function validateMappingTexts(
  texts: MappingTexts,
  dir = '.',
): { ok: true; loaded: LoadedMappings } | { ok: false; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
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
    if (!parsed.source) continue;
    sources[name] = parsed.source;
    const result = schema.safeParse(parsed.source.value ?? {});
    if (result.success) {
      values[name] = result.data;
      continue;
    }
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
  const schedule = validateSchedule(texts.schedule, problems);
  if (problems.length) return { ok: false, problems };

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
  return { ok: true, loaded: { dir: resolve(dir), mappings, digests, digest: digestOf(digests), schedule } };
}

/** schedule.yaml is optional: absent means the defaults. */
function validateSchedule(text: string | undefined, problems: ConfigProblem[]): ScheduleMapping {
  const { file, schema } = OPTIONAL_MAPPING_FILES.schedule;
  if (text === undefined) return defaultSchedule();
  const parsed = parseYaml(file, text);
  problems.push(...parsed.problems);
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
