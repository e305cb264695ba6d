import { openWorld, type E2eWorld } from './sandbox.ts';
import { credentialValues } from './secrets.ts';

/**
 * Runs `body` in a fresh sandbox and store, closes them after, and adds the world's credentials to
 * `secrets`, so the suite can check at the end that none reached any log line.
 */
export async function withWorld<T>(
  options: Parameters<typeof openWorld>[0],
  secrets: Set<string>,
  body: (w: E2eWorld) => Promise<T>,
): Promise<T> {
  const w = await openWorld(options);
  try {
    return await body(w);
  } finally {
    for (const s of credentialValues(w.env(), w.sandbox)) secrets.add(s);
    await w.close();
  }
}
