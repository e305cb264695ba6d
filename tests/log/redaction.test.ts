import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.ts';
import { createLogger } from '../../src/log/logger.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

const SECRETS = {
  zendeskToken: 'zd_9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  sfSecret: 'E3F1A9C27B5D4F60A1B2C3D4E5F60718293A4B5C6D7E8F90',
  genesysSecret: 'gc-Xk29_fQp8LmZt7RvW3yB6nJd',
  bearer: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
  privateKey: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
};

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream };
}

describe('logging redaction', () => {
  it('never writes a secret, whether in a known field, a header, an error message or a URL', () => {
    const scrubber = new SecretScrubber([SECRETS.zendeskToken, SECRETS.sfSecret, SECRETS.genesysSecret]);
    const { lines, stream } = capture();
    const log = createLogger({ level: 'debug', destination: stream, scrubber });

    log.info({ headers: { authorization: `Bearer ${SECRETS.bearer}` } }, 'request');
    log.info(
      {
        req: {
          headers: {
            Authorization: `Basic ${Buffer.from(`ops@acme.com/token:${SECRETS.zendeskToken}`).toString('base64')}`,
          },
        },
      },
      'zendesk',
    );
    log.warn({ clientSecret: SECRETS.sfSecret, nested: { token: SECRETS.genesysSecret } }, 'config');
    log.error(
      {
        err: new SourceError(
          'SOURCE_AUTH',
          'genesys',
          `token refused: client_secret=${SECRETS.genesysSecret}`,
        ),
      },
      'auth failed',
    );
    log.error(
      { err: new Error(`POST https://x/oauth?access_token=${SECRETS.bearer}&x=1 failed`) },
      'network',
    );
    log.info(`the key is ${SECRETS.privateKey}`);
    log.debug({ detail: `zendesk said: invalid token ${SECRETS.zendeskToken}` }, 'free text');

    const out = lines.join('');
    expect(lines).toHaveLength(7);
    for (const secret of Object.values(SECRETS)) expect(out).not.toContain(secret);
    expect(out).not.toContain('BEGIN PRIVATE KEY');
    expect(out).toContain('[REDACTED]');
    // Lines stay valid JSON after scrubbing.
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
