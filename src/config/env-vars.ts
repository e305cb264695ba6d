import { z } from 'zod';

/**
 * The pieces every environment variable is declared with, here and in each connector's `env.ts`:
 * values are trimmed and an empty one counts as unset, so `FOO=` in a .env file means "not given".
 */
export const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

// Credentials belong in their own (redacted) variables: a password inside a URL would be logged with the URL.
// zod runs this check even when the value is not a URL at all; that case is the format check's to report.
const withoutCredentials = (url: string): boolean => {
  const parsed = URL.parse(url);
  return parsed === null || (parsed.username === '' && parsed.password === '');
};
export const optionalUrl = optional.pipe(
  z
    .url({ protocol: /^https?$/ })
    .refine(withoutCredentials, 'must not contain a user name or password; use the credential variables')
    .optional(),
);

/** Names the variable and the rule; never echoes the value, which may be a secret. */
export const describeVarIssues = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

/** Problems of a half-configured source, one line each, for the one `EnvError` that lists them all. */
export type EnvIssues = string[];

export const need = (issues: EnvIssues, source: string, names: string[], what: string): void => {
  issues.push(`${source}: ${what} (missing ${names.join(', ')})`);
};

export const stripSlash = (url: string): string => url.replace(/\/+$/, '');

/** One source's variables as `src/config/env.ts` reads them: checked first, then resolved. */
export interface SourceEnvParser<Env> {
  /**
   * `invalid`: malformed variables (`VAR: rule` lines). Otherwise `configured` (at least one of the
   * source's credential variables is set) and `resolve`, which reports a half-configuration in `issues`.
   */
  read(
    vars: Record<string, string | undefined>,
  ):
    | { invalid: string[] }
    | { invalid?: undefined; configured: boolean; resolve(issues: EnvIssues): Env | undefined };
}

/**
 * A source's variables: their zod schema, the ones whose presence means "configured" (with none of
 * them set the source is skipped), and how the parsed values become its configuration.
 */
export function sourceEnv<Shape extends z.ZodRawShape, Env>(spec: {
  vars: Shape;
  configuredBy: readonly (keyof Shape & string)[];
  resolve(vars: z.output<z.ZodObject<Shape>>, issues: EnvIssues): Env | undefined;
}): SourceEnvParser<Env> {
  const schema = z.object(spec.vars);
  return {
    read(vars) {
      const parsed = schema.safeParse(vars);
      if (!parsed.success) return { invalid: describeVarIssues(parsed.error) };
      const values: Record<string, unknown> = parsed.data;
      return {
        configured: spec.configuredBy.some((name) => values[name] !== undefined),
        resolve: (issues) => spec.resolve(parsed.data, issues),
      };
    },
  };
}
