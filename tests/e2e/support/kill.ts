import type { Sandbox } from '../../../src/sandbox/start.ts';
import type { CliRun } from './cli.ts';

/**
 * Where a crash test pulls the plug: on the Nth page request of a simulator's main list endpoint,
 * on the Nth Salesforce request of a kind (before the simulator answers it, so the child dies with
 * the request sent but not its answer), or on a log line. Chosen by progress, not by time.
 */
export type KillPoint =
  | { name: string; page: { sim: 'zendesk' | 'jira' | 'genesys'; n: number } }
  | { name: string; salesforce: { endpoint: string; n: number } }
  | { name: string; line: RegExp };

export interface Killer {
  /** The process to kill (set while a run goes). */
  target: CliRun | undefined;
  fired: boolean;
  onLine(line: string, run: CliRun): void;
  /** Removes the hooks from the simulators. */
  disarm(): void;
}

export function arm(sandbox: Sandbox, point: KillPoint): Killer {
  const killer: Killer = {
    target: undefined,
    fired: false,
    onLine: () => undefined,
    disarm: () => undefined,
  };
  const fire = (): void => {
    if (killer.fired || !killer.target) return;
    killer.fired = true;
    killer.target.kill();
  };
  if ('page' in point) {
    const faults = sandbox.sims[point.page.sim].ctx.faults;
    const original = faults.malformThisPage.bind(faults);
    let pages = 0;
    faults.malformThisPage = () => {
      if (++pages === point.page.n) fire();
      return original();
    };
    killer.disarm = () => void (faults.malformThisPage = original);
  } else if ('salesforce' in point) {
    const state = sandbox.sims.salesforce.state;
    const original = state.count.bind(state);
    let seen = 0;
    state.count = (endpoint: string) => {
      if (endpoint === point.salesforce.endpoint && ++seen === point.salesforce.n) fire();
      original(endpoint);
    };
    killer.disarm = () => void (state.count = original);
  } else {
    killer.onLine = (line) => {
      if (point.line.test(line)) fire();
    };
  }
  return killer;
}
