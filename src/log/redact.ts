/**
 * Secrets must never reach a log line, an error or a run record. Two nets: pino's path redaction for
 * fields we know are sensitive, and a final scrub of the serialized line for any known secret value and
 * for credential patterns (Authorization headers, tokens in URLs), whatever field they hide in.
 */
export const REDACT_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'headers.authorization',
  'headers.Authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'apiToken',
  '*.apiToken',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'privateKey',
  '*.privateKey',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'accessToken',
  '*.accessToken',
  'assertion',
  '*.assertion',
];

const PATTERNS: [RegExp, string][] = [
  [/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [REDACTED]'],
  [
    /((?:access_token|refresh_token|client_secret|api_token|apiToken|password|assertion|sid)["']?\s*[=:]\s*["']?)[^"'&\s,}]{4,}/gi,
    '$1[REDACTED]',
  ],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[REDACTED PRIVATE KEY]'],
];

/**
 * The secret values a command knows, and the scrub of any text for them and for credential patterns.
 * One is made per CLI command from the environment's secrets (cli/context.ts) and handed to whatever
 * writes text out: the logger, the HTTP clients' errors, the run records. Auth providers add the tokens
 * they obtain, so all of these must share the one value.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  constructor(values: Iterable<string | undefined> = []) {
    this.add(...values);
  }

  /** Registers secret values (shorter than 6 characters would scrub ordinary words, so they are ignored). */
  add(...values: (string | undefined)[]): void {
    for (const v of values) {
      if (v && v.length >= 6) {
        this.secrets.add(v);
        // The JSON-escaped form, as it appears inside a serialized log line.
        this.secrets.add(JSON.stringify(v).slice(1, -1));
        this.secrets.add(Buffer.from(v).toString('base64'));
      }
    }
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    return out;
  }
}
