import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import { UPlotChart } from './uplot-chart.tsx';

// Bars are a path builder uPlot ships (its typings mark the builders optional).
const bars = uPlot.paths.bars?.({ size: [0.85, 80], align: 0 });

const bandColor = (bin: number): string => (bin >= 7 ? '#2f9e62' : bin >= 5 ? '#d9a400' : '#d64545');

/** Accounts per ten points of score, bars colored by the usual status bands. */
export function ScoreHistogram({ bins }: { bins: number[] }) {
  const data = useMemo<uPlot.AlignedData>(() => [bins.map((_, i) => i * 10 + 5), bins], [bins]);
  const options = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height: 150,
      legend: { show: false },
      cursor: { show: true, points: { show: false } },
      scales: {
        x: { time: false, range: [0, 100] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
      },
      axes: [
        { stroke: '#5b6270', grid: { show: false }, values: (_u, splits) => splits.map((v) => `${v}`) },
        { stroke: '#5b6270', grid: { stroke: '#eef0f3' }, size: 48 },
      ],
      series: [
        {},
        {
          label: 'Accounts',
          ...(bars ? { paths: bars } : {}),
          points: { show: false },
          fill: (u: uPlot, _i: number) => {
            const ctx = u.ctx;
            const g = ctx.createLinearGradient(u.bbox.left, 0, u.bbox.left + u.bbox.width, 0);
            for (let bin = 0; bin < 10; bin++) {
              g.addColorStop(bin / 10, bandColor(bin));
              g.addColorStop((bin + 1) / 10 - 0.0001, bandColor(bin));
            }
            return g;
          },
          stroke: 'transparent',
        },
      ],
    }),
    [],
  );
  return (
    <UPlotChart
      options={options}
      data={data}
      label={`Score histogram: ${bins.join(', ')} accounts per ten points`}
    />
  );
}
