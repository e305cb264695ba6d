import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { need, optional, optionalUrl, sourceEnv, stripSlash } from '../../src/config/env-vars.ts';

const DEFAULT_API_VERSION = '64.0';

export type SalesforceAuth =
  | { type: 'client_credentials'; clientId: string; clientSecret: string }
  | { type: 'jwt'; clientId: string; username: string; privateKey: string };
export interface SalesforceEnv {
  loginUrl: string;
  apiVersion: string;
  auth: SalesforceAuth;
}

const vars = {
  SF_LOGIN_URL: optionalUrl,
  SF_CLIENT_ID: optional,
  SF_CLIENT_SECRET: optional,
  SF_USERNAME: optional,
  SF_PRIVATE_KEY: optional,
  SF_PRIVATE_KEY_FILE: optional,
  SF_API_VERSION: optional.pipe(
    z
      .string()
      .regex(/^\d{2,3}\.0$/, 'a version such as 64.0')
      .optional(),
  ),
};

/** A My Domain login URL, an External Client App, and client credentials or a JWT bearer key. */
export const salesforceEnv = sourceEnv({
  vars,
  // SF_API_VERSION alone configures nothing: it has a default.
  configuredBy: [
    'SF_LOGIN_URL',
    'SF_CLIENT_ID',
    'SF_CLIENT_SECRET',
    'SF_USERNAME',
    'SF_PRIVATE_KEY',
    'SF_PRIVATE_KEY_FILE',
  ],
  resolve(e, issues): SalesforceEnv | undefined {
    if (!e.SF_LOGIN_URL) need(issues, 'Salesforce', ['SF_LOGIN_URL'], 'no login (My Domain) URL given');
    if (!e.SF_CLIENT_ID)
      need(issues, 'Salesforce', ['SF_CLIENT_ID'], 'the External Client App consumer key is required');
    let auth: SalesforceAuth | undefined;
    if (e.SF_CLIENT_SECRET) {
      if (e.SF_CLIENT_ID)
        auth = { type: 'client_credentials', clientId: e.SF_CLIENT_ID, clientSecret: e.SF_CLIENT_SECRET };
    } else if (e.SF_USERNAME || e.SF_PRIVATE_KEY || e.SF_PRIVATE_KEY_FILE) {
      let key = e.SF_PRIVATE_KEY?.replace(/\\n/g, '\n');
      if (!key && e.SF_PRIVATE_KEY_FILE) {
        try {
          key = readFileSync(e.SF_PRIVATE_KEY_FILE, 'utf8');
        } catch (err) {
          issues.push(
            `Salesforce: SF_PRIVATE_KEY_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
          );
        }
      }
      if (!e.SF_USERNAME)
        need(issues, 'Salesforce', ['SF_USERNAME'], 'JWT bearer needs the integration user');
      else if (!e.SF_PRIVATE_KEY && !e.SF_PRIVATE_KEY_FILE)
        need(
          issues,
          'Salesforce',
          ['SF_PRIVATE_KEY or SF_PRIVATE_KEY_FILE'],
          'JWT bearer needs the signing key',
        );
      if (key && e.SF_USERNAME && e.SF_CLIENT_ID)
        auth = { type: 'jwt', clientId: e.SF_CLIENT_ID, username: e.SF_USERNAME, privateKey: key };
    } else {
      need(
        issues,
        'Salesforce',
        ['SF_CLIENT_SECRET, or SF_USERNAME+SF_PRIVATE_KEY/SF_PRIVATE_KEY_FILE'],
        'no credentials',
      );
    }
    return e.SF_LOGIN_URL && auth
      ? { loginUrl: stripSlash(e.SF_LOGIN_URL), apiVersion: e.SF_API_VERSION ?? DEFAULT_API_VERSION, auth }
      : undefined;
  },
});
