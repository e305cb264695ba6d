import { describe, expect, it } from 'vitest';
import {
  burstSeconds,
  crossingSlots,
  crossingSlotsContinuous,
  predictWall,
} from '../../bench/queue-model.ts';

describe('bench: the queue model', () => {
  // 10 tenants of 30 s CPU and 600 s at their limits, on 2 cores.
  const m = { tenants: 10, cpuS: 30, rateS: 600, cores: 2 };

  it('is rate-bound with few slots: ⌈tenants ÷ slots⌉ waves of one run at its limits', () => {
    expect(predictWall(m, 1)).toEqual({
      slots: 1,
      cpu_bound_s: 300,
      rate_bound_s: 6000,
      wall_s: 6000,
      bound: 'rate',
    });
    expect(predictWall(m, 4)).toMatchObject({ cpu_bound_s: 150, rate_bound_s: 1800, bound: 'rate' });
  });

  it('stops gaining from slots beyond the cores once the CPU is the bound', () => {
    const cpuHeavy = { ...m, cpuS: 300 };
    // 3,000 s of CPU on 2 cores: 1,500 s from 2 slots on; ⌈10 ÷ 4⌉ × 600 = 1,800 > 1,500, ⌈10 ÷ 5⌉ × 600 = 1,200.
    expect(crossingSlots(cpuHeavy)).toBe(5);
    // Without the rounding of ⌈10 ÷ slots⌉ the lines meet at 600 × 2 ÷ 300 = 4 slots.
    expect(crossingSlotsContinuous(cpuHeavy)).toBe(4);
    expect(predictWall(cpuHeavy, 8).wall_s).toBe(1500);
  });

  it('has no crossing when one run at its limits outlasts all the CPU work', () => {
    expect(crossingSlots(m)).toBeNull();
    expect(predictWall(m, 10)).toMatchObject({ wall_s: 600, bound: 'rate' });
  });
});

describe('bench: burstSeconds', () => {
  const limits = { incremental: { limit: 10, windowMs: 60_000 }, default: { limit: 200, windowMs: 60_000 } };

  it('lets the first window through at once and waits a window for each further one', () => {
    expect(burstSeconds({ incremental: 10 }, limits)).toBe(0);
    expect(burstSeconds({ incremental: 12, default: 3 }, limits)).toBe(60);
    expect(burstSeconds({ incremental: 1021 }, limits)).toBe(102 * 60);
  });

  it('ignores buckets with no documented limit', () => {
    expect(burstSeconds({ other: 5000 }, limits)).toBe(0);
  });
});
