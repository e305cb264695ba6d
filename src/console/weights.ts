/**
 * The weights of a scorecard.yaml text, read and changed in place by line (comments and layout
 * stay as ops wrote them; the API's validation has the last word on the result).
 */
export interface WeightLine {
  id: string;
  weight: number;
  /** Index of the `weight:` line. */
  line: number;
}

export function readWeights(text: string): WeightLine[] {
  const lines = text.split('\n');
  const out: WeightLine[] = [];
  let id: string | undefined;
  lines.forEach((l, i) => {
    const item = /^\s*- id:\s*["']?([\w-]+)/.exec(l);
    if (item?.[1]) id = item[1];
    const w = /^\s*weight:\s*(\d+(?:\.\d+)?)\s*(#.*)?$/.exec(l);
    if (w?.[1] && id) {
      out.push({ id, weight: Number(w[1]), line: i });
      id = undefined;
    }
  });
  return out;
}

export function setWeight(text: string, at: WeightLine, weight: number): string {
  const lines = text.split('\n');
  const line = lines[at.line];
  if (line === undefined) return text;
  lines[at.line] = line.replace(/(weight:\s*)\d+(?:\.\d+)?/, `$1${weight}`);
  return lines.join('\n');
}
