import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import { UPlotChart } from './uplot-chart.tsx';

export interface HistoryPoint {
  day: string;
  score: number | null;
  rebuilt: boolean;
}

/** Daily scores: a line with live points filled, and the days rebuilt from stored facts as rings. */
export function HistoryChart({ history }: { history: HistoryPoint[] }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const ordered = [...history].sort((a, b) => a.day.localeCompare(b.day));
    return [
      ordered.map((h) => Date.parse(`${h.day}T00:00:00Z`) / 1000),
      ordered.map((h) => h.score),
      ordered.map((h) => (h.rebuilt ? h.score : null)),
    ];
  }, [history]);
  const options = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height: 220,
      tzDate: (ts: number) => new Date(ts * 1000),
      scales: { y: { range: [0, 100] } },
      axes: [
        { stroke: '#5b6270', grid: { stroke: '#eef0f3' } },
        { stroke: '#5b6270', grid: { stroke: '#eef0f3' }, size: 40 },
      ],
      series: [
        {
          label: 'Day',
          value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toISOString().slice(0, 10)),
        },
        {
          label: 'Score',
          stroke: '#3358d4',
          width: 2,
          fill: 'rgba(51,88,212,0.08)',
          points: { show: true, size: 5, fill: '#3358d4' },
          spanGaps: true,
        },
        {
          label: 'Rebuilt',
          stroke: '#8a5cd1',
          width: 0,
          paths: () => null,
          points: { show: true, size: 9, width: 2, fill: '#ffffff', stroke: '#8a5cd1' },
        },
      ],
    }),
    [],
  );
  return (
    <UPlotChart
      options={options}
      data={data}
      label={`Daily score history over ${history.length} days; rebuilt days are rings`}
    />
  );
}
