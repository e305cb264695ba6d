import { signed } from '../format.ts';

/** A change of score: a fall reads red, a rise green, with an arrow for those who do not see color. */
export function Trend({ value, label }: { value: number | null | undefined; label?: string }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  const dir = value > 0.05 ? 'up' : value < -0.05 ? 'down' : 'flat';
  const arrow = dir === 'up' ? '▲' : dir === 'down' ? '▼' : '▶';
  return (
    <span class={`trend trend-${dir}`} title={label}>
      <span aria-hidden="true">{arrow}</span> {signed(value)}
    </span>
  );
}
