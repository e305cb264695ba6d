import { z } from 'zod';
import type { ConfigProblem } from '../../src/errors.ts';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { sfErrorCode, toSourceError } from './errors.ts';
import { parseResponse } from './schemas.ts';

/** The answer of `GET /query?explain=`: the org's plans for the query, best first. */
const SalesforceExplain = z.looseObject({
  plans: z.array(z.looseObject({ leadingOperationType: z.string(), sobjectType: z.string() })),
});

/** What the org answers (400) for a query it will not run. */
const REFUSALS = /^(MALFORMED_QUERY|INVALID_FIELD|INVALID_TYPE|INVALID_QUERY_\w+)$/;

const PREFIX = 'SELECT Id FROM Account WHERE (';

/** The smallest query that holds the condition as the Accounts stream splices it in: `(<where>)`. */
export const explainSoql = (where: string): string => `${PREFIX}${where})`;

/**
 * Salesforce's refusal, said of the condition: its message echoes the query, a caret and
 * `ERROR at Row:1:Column:N`, then the reason; the column is moved to count within the condition.
 */
export function refusalMessage(code: string, message: string, where: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const reason = (lines.at(-1) ?? message).slice(0, 300);
  const column = /ERROR at Row:\d+:Column:(\d+)/.exec(message)?.[1];
  const within = column === undefined ? NaN : Number(column) - PREFIX.length;
  const at = within >= 1 && within <= where.length + 1 ? ` at column ${within} of the condition` : '';
  return `Salesforce refuses this condition (${code}${at}): ${reason}`;
}

/**
 * Asks the org whether accounts.yaml's `where` makes a query it accepts, without running it:
 * `GET /query?explain=` answers the plans, or the 400 (`MALFORMED_QUERY`, `INVALID_FIELD`…) the
 * query itself would get. A refusal is a config problem; any other failure throws.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query_performance_feedback.htm
 */
export async function explainWhere(
  session: SalesforceSession,
  where: string | null,
): Promise<ConfigProblem[]> {
  if (where === null) return [];
  const endpoint = 'GET /query?explain=';
  try {
    const raw = await sfCall(session, { endpoint, idempotent: true }, () =>
      session.conn.request(`/query?explain=${encodeURIComponent(explainSoql(where))}`),
    );
    parseResponse(SalesforceExplain, raw, endpoint);
    return [];
  } catch (err) {
    const code = sfErrorCode(err);
    if (code === undefined || !REFUSALS.test(code)) throw toSourceError(err, endpoint);
    const message = err instanceof Error ? err.message : String(err);
    return [
      { file: 'accounts.yaml', path: ['salesforce', 'where'], message: refusalMessage(code, message, where) },
    ];
  }
}
