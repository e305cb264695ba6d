/**
 * The `start_time` to send to an incremental export: Zendesk refuses one within the last minute
 * (it holds that minute back), so a cursor that recent is sent as 61 seconds ago; never negative.
 */
export function safeStartTime(startTime: number, now: number): number {
  return Math.max(0, Math.min(startTime, Math.floor(now / 1000) - 61));
}
