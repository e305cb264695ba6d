import type { ReadPosition } from '../facts/stream-position.ts';
import type { RunProgress } from './types.ts';

/** One stream's progress in the running sync: pages and records so far, and how far of its total where the source tells. */
export interface StreamProgress {
  stream: string;
  pages: number;
  records: number;
  position?: ReadPosition;
  /** False while the stream is the one being read. */
  done: boolean;
}

/**
 * Pure: the per-stream picture after one progress event. Streams are read one after another, so a
 * progress event of a new stream (or of a later stage) closes the one before.
 */
export function addStreamProgress(streams: readonly StreamProgress[], p: RunProgress): StreamProgress[] {
  const out = streams.map((s) => (s.stream === p.stream && p.stage === 'sources' ? s : { ...s, done: true }));
  if (p.stage !== 'sources' || !p.stream) return out;
  const next: StreamProgress = {
    stream: p.stream,
    pages: p.pages ?? 0,
    records: p.records ?? 0,
    ...(p.position ? { position: p.position } : {}),
    done: false,
  };
  const i = out.findIndex((s) => s.stream === p.stream);
  if (i < 0) out.push(next);
  else out[i] = next;
  return out;
}
