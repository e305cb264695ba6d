/** How numbers, times and statuses read on every page. */
export const STATUS_LABEL: Record<string, string> = {
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
  insufficient_data: 'Insufficient data',
  unscored: 'Unscored',
};

export const score = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : v.toFixed(1);

export const signed = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)}`;

export const count = (v: number): string => v.toLocaleString('en-US');

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** UTC, as the service's logs and run records are. */
export const time = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '—' : `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function measureValue(value: number | null, format: string | undefined): string {
  if (value === null) return '—';
  if (format === 'percent') return `${(value <= 1 ? value * 100 : value).toFixed(1)}%`;
  if (format === 'ratio') return `${value.toFixed(2)}×`;
  if (Number.isInteger(value)) return count(value);
  return value.toFixed(2);
}
