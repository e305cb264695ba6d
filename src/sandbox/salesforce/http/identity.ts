import type { Request, Response } from 'express';
import type { SalesforceState } from '../state.ts';
import { formatSfDatetime } from '../sf-time.ts';
import { send, sfError } from './respond.ts';

/**
 * `GET /id/{orgId}/{userId}` (the identity URL in the token response), as jsforce's
 * `conn.identity()` reads it. It takes the token as a Bearer header or an `oauth_token` parameter.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm
 */
export function identityHandler(state: SalesforceState, loginUrl: (req: Request) => string) {
  return (req: Request, res: Response): void => {
    const fromHeader = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const token =
      fromHeader ?? (typeof req.query['oauth_token'] === 'string' ? req.query['oauth_token'] : undefined);
    const session = token ? state.tokens.get(token) : undefined;
    if (!session || session.expiresAt <= state.now()) {
      res.status(403).type('text/plain').end('Bad_OAuth_Token');
      return;
    }
    const userId = String(req.params['userId']);
    const user = state.findRecord(userId);
    if (req.params['orgId'] !== state.orgId || !user || user.object !== 'User') {
      send(res, sfError(404, 'NOT_FOUND', 'The requested resource does not exist'));
      return;
    }
    const u = user.record;
    const base = `${loginUrl(req)}/services/data/v{version}`;
    send(res, {
      status: 200,
      json: {
        id: `${loginUrl(req)}/id/${state.orgId}/${String(u['Id'])}`,
        asserted_user: session.userId === u['Id'],
        user_id: u['Id'],
        organization_id: state.orgId,
        username: u['Username'],
        nick_name: String(u['Username']).split('@')[0],
        display_name: u['Name'],
        email: u['Email'],
        email_verified: true,
        active: u['IsActive'],
        user_type: 'STANDARD',
        language: 'en_US',
        locale: 'en_US',
        utcOffset: 0,
        last_modified_date: u['LastModifiedDate'] ?? formatSfDatetime(state.now()),
        is_app_installed: true,
        urls: {
          rest: `${base}/`,
          sobjects: `${base}/sobjects/`,
          query: `${base}/query/`,
          limits: `${base}/limits/`,
        },
      },
    });
  };
}
