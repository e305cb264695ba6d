import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors.ts';

/**
 * A configuration file that is a YAML (or JSON) list, such as the tenants and the admin tokens
 * files: parsed, checked against its schema and then by `check` (duplicates, references), with
 * every problem reported at once as one ConfigError naming the file, the entry and the key.
 */
export function parseListFile<S extends z.ZodType>(
  text: string,
  opts: { file: string; title: string; schema: S; check?: (data: z.infer<S>) => ConfigProblem[] },
): z.infer<S> {
  const { file } = opts;
  let value: unknown;
  try {
    value = parse(text) as unknown;
  } catch (err) {
    throw new ConfigError(
      [{ file, path: [], message: `not YAML or JSON: ${(err as Error).message.split('\n')[0]}` }],
      `${opts.title} ${file} is not valid`,
    );
  }
  const parsed = opts.schema.safeParse(value ?? []);
  const problems: ConfigProblem[] = parsed.success
    ? (opts.check?.(parsed.data) ?? [])
    : parsed.error.issues.map((issue) => ({
        file,
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: issue.message,
      }));
  if (problems.length || !parsed.success)
    throw new ConfigError(problems, `${opts.title} ${file} is not valid`);
  return parsed.data;
}

/** Reads a configuration file; one that cannot be read is a ConfigError naming it (never its content). */
export async function readConfigFile(path: string, file: string, title: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      [{ file, path: [], message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` }],
      `${title} ${file} is not valid`,
    );
  }
}
