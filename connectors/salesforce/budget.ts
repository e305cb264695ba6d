import { WriteError } from '../../src/errors.ts';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { isLimitExceeded, toSourceError } from './errors.ts';
import { SalesforceLimits, parseResponse } from './schemas.ts';

/**
 * The org's daily API allocation is shared with every integration: writes stop before a request
 * would take usage past `share` of it. Usage comes from the `Sforce-Limit-Info` header of the
 * latest response; `GET /limits` fills it in when no response has been seen yet.
 */
export class WriteBudget {
  private readonly session: SalesforceSession;
  readonly share: number;
  /** Set once writing stopped for the budget (the share, or REQUEST_LIMIT_EXCEEDED). */
  stop: WriteError | null = null;

  constructor(session: SalesforceSession, share: number) {
    this.session = session;
    this.share = share;
  }

  async ensureKnown(): Promise<void> {
    const { conn, meter } = this.session;
    if (meter.used !== undefined) return;
    try {
      // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
      const raw = await sfCall(this.session, { endpoint: 'GET /limits', idempotent: true }, () =>
        conn.request('/limits'),
      );
      const limits = parseResponse(SalesforceLimits, raw, 'GET /limits');
      if (meter.used === undefined)
        meter.setFromLimits(limits.DailyApiRequests.Max, limits.DailyApiRequests.Remaining);
    } catch (err) {
      if (isLimitExceeded(err)) return this.exhausted(err instanceof Error ? err.message : String(err));
      throw toSourceError(err, 'GET /limits');
    }
  }

  /** True when `cost` more requests fit; otherwise records why writing stops. */
  allows(cost: number): boolean {
    if (this.stop) return false;
    const { meter } = this.session;
    if (meter.allows(cost, this.share)) return true;
    this.stop = new WriteError(
      'WRITE_BUDGET_EXHAUSTED',
      `stopped writing: ${cost} more request${cost === 1 ? '' : 's'} would take the org's API usage (${meter.used}/${meter.limit}) past ${Math.round(this.share * 100)}% of its daily allocation (salesforce.yaml > write > budget_share)`,
      { used: meter.used ?? null, limit: meter.limit ?? null, share: this.share },
    );
    return false;
  }

  /** Salesforce refused a request with REQUEST_LIMIT_EXCEEDED: the allocation is spent for today. */
  exhausted(message: string): void {
    const { meter } = this.session;
    this.stop ??= new WriteError(
      'WRITE_BUDGET_EXHAUSTED',
      `stopped writing: the org's daily API allocation is spent (REQUEST_LIMIT_EXCEEDED: ${message.slice(0, 200)})`,
      { used: meter.used ?? null, limit: meter.limit ?? null, share: this.share },
    );
  }
}

/** A write's budget, with the org's usage known (`GET /limits` when no response has told it yet). */
export async function checkBudget(session: SalesforceSession, share: number): Promise<WriteBudget> {
  const budget = new WriteBudget(session, share);
  await budget.ensureKnown();
  return budget;
}
