import { z } from 'zod';
import { need, optional, optionalUrl, sourceEnv, stripSlash } from '../../src/config/env-vars.ts';

export interface GenesysEnv {
  apiBaseUrl: string;
  loginUrl: string;
  clientId: string;
  clientSecret: string;
}

const vars = {
  GENESYS_REGION: optional.pipe(
    z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]+$/, 'a region host such as mypurecloud.ie')
      .optional(),
  ),
  GENESYS_API_BASE_URL: optionalUrl,
  GENESYS_LOGIN_URL: optionalUrl,
  GENESYS_CLIENT_ID: optional,
  GENESYS_CLIENT_SECRET: optional,
};

/** A region (or its API and login hosts) and an OAuth client-credentials client. */
export const genesysEnv = sourceEnv({
  vars,
  configuredBy: [
    'GENESYS_REGION',
    'GENESYS_API_BASE_URL',
    'GENESYS_LOGIN_URL',
    'GENESYS_CLIENT_ID',
    'GENESYS_CLIENT_SECRET',
  ],
  resolve(e, issues): GenesysEnv | undefined {
    const apiBaseUrl =
      e.GENESYS_API_BASE_URL ?? (e.GENESYS_REGION ? `https://api.${e.GENESYS_REGION}` : undefined);
    const loginUrl =
      e.GENESYS_LOGIN_URL ?? (e.GENESYS_REGION ? `https://login.${e.GENESYS_REGION}` : undefined);
    if (!apiBaseUrl || !loginUrl)
      need(
        issues,
        'Genesys',
        ['GENESYS_REGION or GENESYS_API_BASE_URL+GENESYS_LOGIN_URL'],
        'no region given',
      );
    const missing = [
      !e.GENESYS_CLIENT_ID && 'GENESYS_CLIENT_ID',
      !e.GENESYS_CLIENT_SECRET && 'GENESYS_CLIENT_SECRET',
    ].filter((v): v is string => typeof v === 'string');
    if (missing.length) need(issues, 'Genesys', missing, 'client credentials are required');
    return apiBaseUrl && loginUrl && e.GENESYS_CLIENT_ID && e.GENESYS_CLIENT_SECRET
      ? {
          apiBaseUrl: stripSlash(apiBaseUrl),
          loginUrl: stripSlash(loginUrl),
          clientId: e.GENESYS_CLIENT_ID,
          clientSecret: e.GENESYS_CLIENT_SECRET,
        }
      : undefined;
  },
});
