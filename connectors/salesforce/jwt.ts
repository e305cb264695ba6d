import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Salesforce refuses assertions that live longer than 3 minutes. */
const LIFETIME_SECONDS = 170;

/**
 * The JWT bearer assertion: RS256, iss = consumer key, sub = integration username, aud = login URL.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 * The key may be PKCS#1 ("BEGIN RSA PRIVATE KEY") or PKCS#8; node:crypto reads both.
 */
export async function signAssertion(
  input: { clientId: string; username: string; privateKey: string; audience: string },
  nowMs: number,
): Promise<string> {
  const key = createPrivateKey(input.privateKey);
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(input.clientId)
    .setSubject(input.username)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LIFETIME_SECONDS)
    .sign(key);
}
