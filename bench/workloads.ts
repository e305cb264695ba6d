/** The benchmarks' dataset sizes (bench/README.md): the sandbox serves exactly these counts. */
export const WORKLOADS = {
  /** A smoke test of the benchmark itself; not part of the default run. */
  S: { accounts: 200, tickets: 10_000, calls: 2_400, issues: 500 },
  M: { accounts: 2_000, tickets: 200_000, calls: 50_000, issues: 10_000 },
  L: { accounts: 20_000, tickets: 1_000_000, calls: 250_000, issues: 50_000 },
} as const;
export type WorkloadName = keyof typeof WORKLOADS;
export type Workload = (typeof WORKLOADS)[WorkloadName];

/** The sandbox process's arguments for a workload. */
export const sandboxArgs = (w: Workload): string[] => [
  '--accounts',
  String(w.accounts),
  '--tickets',
  String(w.tickets),
  '--calls',
  String(w.calls),
  '--issues',
  String(w.issues),
];
