import { currentToken, tenantPath } from './session.ts';

/** The events of GET /runs/live (src/server/routes/runs-live.ts; the OpenAPI document describes them as text). */
export interface LiveStream {
  stream: string;
  pages: number;
  records: number;
  position?: { done: number; total: number; unit: 'records' | 'ms' };
  done: boolean;
}
export interface LiveProgress {
  runId: number | null;
  startedAt: number;
  stage: string | null;
  waiting: string | null;
  streams: LiveStream[];
}
export type LiveEvent =
  | { event: 'progress'; data: LiveProgress }
  | { event: 'finished'; data: unknown }
  | { event: 'idle'; data: unknown };

export interface FollowOptions {
  /** Wait for the next run when none is going (`?next=1`): open the stream, then start the run. */
  next?: boolean;
  /** The server is listening: from now on no event of the run is missed. */
  onOpen?: () => void;
}

/**
 * Follows `GET /runs/live` (server-sent events) until the run ends or `stop()` is called. Read with
 * fetch rather than EventSource, which cannot send the Authorization header (and the token never
 * goes in a URL).
 */
export function followRun(
  onEvent: (e: LiveEvent) => void,
  onEnd: () => void,
  options: FollowOptions = {},
): () => void {
  const abort = new AbortController();
  const token = currentToken();
  void (async () => {
    try {
      const res = await fetch(tenantPath(options.next ? '/runs/live?next=1' : '/runs/live'), {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        signal: abort.signal,
      });
      options.onOpen?.();
      if (!res.ok || !res.body) return;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) onEvent({ event, data: JSON.parse(data) } as LiveEvent);
        }
      }
    } catch {
      // Aborted, or the connection dropped: the page's polling carries on.
    } finally {
      onEnd();
    }
  })();
  return () => abort.abort();
}
