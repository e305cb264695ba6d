import type { Measure } from '../config/mappings/scorecard.ts';

/** At most `digits` decimals, without trailing zeros: 71, 4.5, 0.25. */
export function trimNumber(value: number, digits: number): string {
  const fixed = Number(value.toFixed(digits));
  return String(Object.is(fixed, -0) ? 0 : fixed);
}

/** A raw metric value as people read it, by the measure's format. */
export function formatValue(value: number, format: Measure['format']): string {
  switch (format) {
    case 'percent':
      return `${trimNumber(value * 100, Math.abs(value) < 0.1 ? 1 : 0)}%`;
    case 'count':
      return trimNumber(value, 0);
    case 'ratio':
      return `${value.toFixed(2)}×`;
    case 'minutes':
      return `${trimNumber(value, 0)} min`;
    case 'hours':
      return `${trimNumber(value, 1)} h`;
    case 'days':
      return `${trimNumber(value, 1)} days`;
    case 'seconds':
      return `${trimNumber(value, 0)} s`;
    case 'number':
      return trimNumber(value, 1);
  }
}

export const plural = (n: number, noun: string): string => `${n} ${n === 1 ? noun : `${noun}s`}`;

/** Rounds to one decimal (scores, trends), never giving -0. */
export function round1(x: number): number {
  const r = Math.round(x * 10) / 10;
  return r === 0 ? 0 : r;
}
