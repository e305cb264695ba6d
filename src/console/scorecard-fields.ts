/**
 * The editable numbers of a scorecard.yaml text (each base measure's weight, target and scoring:
 * band limits and scores, or a line's zero_at and full_at), read and changed in place by line, so
 * comments and layout stay as ops wrote them. A field keeps whatever is typed, valid or not: the
 * API's validation has the last word, and its problems come back by path to the field they name.
 */
export interface ScorecardField {
  measureId: string;
  /** The zod path a validation problem names, e.g. ['measures', 0, 'scoring', 'bands', 1, 'limit']. */
  path: (string | number)[];
  /** What the form labels it: "weight", "target", "band 2 limit", "zero_at". */
  name: string;
  /** The text after `key:` as written. */
  value: string;
  /** Index of the line it is on. */
  line: number;
  key: string;
  /** Which occurrence of `key:` on that line (a band line holds one limit and one score). */
  nth: number;
}

const VALUE = (key: string): RegExp => new RegExp(`(\\b${key}:[ \\t]*)([^,}\\s#]*)`, 'g');
const KEYS = ['weight', 'target', 'zero_at', 'full_at', 'limit', 'score'] as const;

export function readScorecardFields(text: string): ScorecardField[] {
  const lines = text.split('\n');
  const out: ScorecardField[] = [];
  let inMeasures = false;
  let index = -1;
  let id = '';
  let band = -1;
  let measureIndent = -1;
  lines.forEach((l, i) => {
    if (/^\S/.test(l)) {
      inMeasures = /^measures:/.test(l);
      return;
    }
    if (!inMeasures) return;
    const item = /^(\s*)- id:\s*["']?([\w-]+)/.exec(l);
    if (item?.[2]) {
      index += 1;
      id = item[2];
      band = -1;
      measureIndent = item[1]?.length ?? 0;
    }
    if (index < 0) return;
    // A band: `- { limit: 1.2, score: 100 }` or `{ limit: …}` inside `bands: [ … ]`, one per line.
    const isBand =
      /\blimit:|\bscore:/.test(l) && !/\btype:/.test(l) && (/^\s*-\s*\{/.test(l) || /^\s*\{/.test(l));
    if (isBand) band += 1;
    for (const key of KEYS) {
      const matches = [...l.matchAll(VALUE(key))];
      matches.forEach((m, nth) => {
        const value = m[2] ?? '';
        if (key === 'limit' || key === 'score') {
          if (!isBand) return;
          out.push({
            measureId: id,
            path: ['measures', index, 'scoring', 'bands', band, key],
            name: `band ${band + 1} ${key}`,
            value,
            line: i,
            key,
            nth,
          });
        } else if (key === 'zero_at' || key === 'full_at') {
          out.push({
            measureId: id,
            path: ['measures', index, 'scoring', key],
            name: key,
            value,
            line: i,
            key,
            nth,
          });
        } else {
          // weight and target of the measure itself, not of something nested deeper (params).
          const indent = /^\s*/.exec(l)?.[0].length ?? 0;
          if (indent > measureIndent + 2 && !item) return;
          out.push({ measureId: id, path: ['measures', index, key], name: key, value, line: i, key, nth });
        }
      });
    }
  });
  return out;
}

/** The text with one field's value replaced by `value` as typed. */
export function setScorecardField(text: string, field: ScorecardField, value: string): string {
  const lines = text.split('\n');
  const line = lines[field.line];
  if (line === undefined) return text;
  let seen = 0;
  lines[field.line] = line.replace(VALUE(field.key), (all, head: string) =>
    seen++ === field.nth ? `${head}${value.trim()}` : all,
  );
  return lines.join('\n');
}

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');
