import type { Sandbox } from '../../../src/sandbox/start.ts';

/**
 * Every credential value a run could leak: the secrets in the sandbox env (and the hash key), the
 * Basic Authorization values built from them, and the access tokens the simulated Salesforce issued.
 */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PRIVATE_KEY|HASH_KEY|_PAT$/;

export function credentialValues(env: Record<string, string>, sandbox?: Sandbox): string[] {
  const values = Object.entries(env)
    .filter(([k, v]) => SECRET_NAME.test(k) && v.length >= 6)
    .map(([, v]) => v);
  const basic = (user: string | undefined, secret: string | undefined): string[] =>
    user && secret ? [Buffer.from(`${user}:${secret}`).toString('base64')] : [];
  values.push(
    ...basic(env['ZENDESK_EMAIL'] && `${env['ZENDESK_EMAIL']}/token`, env['ZENDESK_API_TOKEN']),
    ...basic(env['JIRA_EMAIL'], env['JIRA_API_TOKEN']),
    ...basic(env['GENESYS_CLIENT_ID'], env['GENESYS_CLIENT_SECRET']),
    ...basic(env['SF_CLIENT_ID'], env['SF_CLIENT_SECRET']),
  );
  if (sandbox) values.push(...[...sandbox.sims.salesforce.state.tokens.keys()].filter((t) => t.length >= 8));
  return [...new Set(values)];
}

/** Lines that carry a credential, or an Authorization header value of any kind. */
export function leakyLines(lines: readonly string[], secrets: readonly string[]): string[] {
  const header = /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}|"authorization"\s*:\s*"(?!\[REDACTED\])/i;
  return lines.filter((line) => header.test(line) || secrets.some((s) => line.includes(s)));
}
