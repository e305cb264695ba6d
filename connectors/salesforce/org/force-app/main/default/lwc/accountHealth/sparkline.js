// The geometry of the weekly sparkline, drawn as SVG by the template (no chart library on the
// platform without a static resource).

export const WIDTH = 300;
export const HEIGHT = 64;
const PAD = 6;

const num = (v) => (typeof v === 'number' && !Number.isNaN(v) ? v : null);

/**
 * Points, a path with gaps at weeks without a score, and a summary for screen readers.
 * @param {{week: string, score: number|null, status: string|null, rebuilt: boolean}[]} weeks oldest first
 */
export function sparkline(weeks) {
  const scores = weeks.map((w) => num(w.score)).filter((s) => s !== null);
  if (scores.length === 0) return null;
  // Padded to at least 10 points so a steady account draws a near-flat line, not noise.
  let min = Math.min(...scores);
  let max = Math.max(...scores);
  if (max - min < 10) {
    const mid = (max + min) / 2;
    min = Math.max(0, mid - 5);
    max = Math.min(100, mid + 5);
  }
  const step = weeks.length > 1 ? (WIDTH - 2 * PAD) / (weeks.length - 1) : 0;
  const x = (i) => (weeks.length > 1 ? PAD + i * step : WIDTH / 2);
  const y = (s) => HEIGHT - PAD - ((s - min) / (max - min || 1)) * (HEIGHT - 2 * PAD);
  let path = '';
  let pen = 'M';
  const dots = [];
  weeks.forEach((w, i) => {
    const s = num(w.score);
    if (s === null) {
      pen = 'M';
      return;
    }
    const cx = Math.round(x(i) * 10) / 10;
    const cy = Math.round(y(s) * 10) / 10;
    path += `${pen}${cx} ${cy} `;
    pen = 'L';
    dots.push({
      key: w.week,
      cx,
      cy,
      className: `dot dot_${w.status || 'none'}${w.rebuilt ? ' dot_rebuilt' : ''}`,
    });
  });
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  return {
    path: path.trim(),
    dots,
    firstWeek: first.week,
    lastWeek: last.week,
    summary: `Weekly score, ${weeks.length} week${weeks.length === 1 ? '' : 's'} from ${first.week} to ${last.week}: lowest ${Math.min(...scores)}, highest ${Math.max(...scores)}, latest ${num(last.score) ?? 'no score'}`,
  };
}
