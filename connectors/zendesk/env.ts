import { z } from 'zod';
import { need, optional, optionalUrl, sourceEnv, stripSlash } from '../../src/config/env-vars.ts';

export type ZendeskAuth =
  | { type: 'oauth'; clientId: string; clientSecret: string }
  | { type: 'token'; email: string; apiToken: string };
export interface ZendeskEnv {
  baseUrl: string;
  auth: ZendeskAuth;
}

const vars = {
  ZENDESK_SUBDOMAIN: optional.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i, 'a bare subdomain such as "acme"')
      .optional(),
  ),
  ZENDESK_BASE_URL: optionalUrl,
  ZENDESK_CLIENT_ID: optional,
  ZENDESK_CLIENT_SECRET: optional,
  ZENDESK_EMAIL: optional,
  ZENDESK_API_TOKEN: optional,
};

/** An instance (subdomain or base URL) and either OAuth client credentials or a legacy API token. */
export const zendeskEnv = sourceEnv({
  vars,
  configuredBy: [
    'ZENDESK_SUBDOMAIN',
    'ZENDESK_BASE_URL',
    'ZENDESK_CLIENT_ID',
    'ZENDESK_CLIENT_SECRET',
    'ZENDESK_EMAIL',
    'ZENDESK_API_TOKEN',
  ],
  resolve(e, issues): ZendeskEnv | undefined {
    const baseUrl =
      e.ZENDESK_BASE_URL ?? (e.ZENDESK_SUBDOMAIN ? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com` : undefined);
    if (!baseUrl) need(issues, 'Zendesk', ['ZENDESK_SUBDOMAIN or ZENDESK_BASE_URL'], 'no instance given');
    let auth: ZendeskAuth | undefined;
    if (e.ZENDESK_CLIENT_ID || e.ZENDESK_CLIENT_SECRET) {
      if (e.ZENDESK_CLIENT_ID && e.ZENDESK_CLIENT_SECRET)
        auth = { type: 'oauth', clientId: e.ZENDESK_CLIENT_ID, clientSecret: e.ZENDESK_CLIENT_SECRET };
      else
        need(
          issues,
          'Zendesk',
          [e.ZENDESK_CLIENT_ID ? 'ZENDESK_CLIENT_SECRET' : 'ZENDESK_CLIENT_ID'],
          'OAuth needs both',
        );
    } else if (e.ZENDESK_EMAIL || e.ZENDESK_API_TOKEN) {
      if (e.ZENDESK_EMAIL && e.ZENDESK_API_TOKEN)
        auth = { type: 'token', email: e.ZENDESK_EMAIL, apiToken: e.ZENDESK_API_TOKEN };
      else
        need(
          issues,
          'Zendesk',
          [e.ZENDESK_EMAIL ? 'ZENDESK_API_TOKEN' : 'ZENDESK_EMAIL'],
          'API-token auth needs both',
        );
    } else {
      need(
        issues,
        'Zendesk',
        ['ZENDESK_CLIENT_ID+ZENDESK_CLIENT_SECRET or ZENDESK_EMAIL+ZENDESK_API_TOKEN'],
        'no credentials',
      );
    }
    return baseUrl && auth ? { baseUrl: stripSlash(baseUrl), auth } : undefined;
  },
});
