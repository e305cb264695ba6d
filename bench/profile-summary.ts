/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --cpu-prof DIR`): self time
 * per function and per source file, and total (inclusive) time of the project's own functions.
 *   node bench/profile-summary.ts FILE.cpuprofile [--top 25] [--within TEXT]
 * --within keeps only the samples under a frame whose label (`function file:line`) contains TEXT,
 * e.g. `--within connectors/zendesk/` for the Zendesk phases of a sync.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '25' }, within: { type: 'string' } },
  allowPositionals: true,
});
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const top = Number(values.top);
const root = process.cwd();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
);

const short = (url: string): string =>
  url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, 'node_modules/') || '(native)';
const label = (n: ProfileNode): string =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const under = new Map<number, boolean>();
function isWithin(id: number): boolean {
  const text = values.within;
  if (text === undefined) return true;
  const known = under.get(id);
  if (known !== undefined) return known;
  const up = parent.get(id);
  const yes = label(byId.get(id)!).includes(text) || (up !== undefined && isWithin(up));
  under.set(id, yes);
  return yes;
}

const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
for (const [id, ms] of selfMs) {
  if (!isWithin(id)) continue;
  const n = byId.get(id)!;
  total += ms;
  fnSelf.set(label(n), (fnSelf.get(label(n)) ?? 0) + ms);
  const file = short(n.callFrame.url).replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*$/, '$1');
  fileSelf.set(file, (fileSelf.get(file) ?? 0) + ms);
  // Inclusive time of our own frames (each counted once per sample even when recursive).
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const c = byId.get(cur)!;
    const url = c.callFrame.url;
    if (!url.startsWith(`file://${root}/`) || url.includes('node_modules')) continue;
    const l = label(c);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + ms);
  }
}

const show = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${(ms / 1000).toFixed(2).padStart(8)} s ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
};
console.log(
  `profile: ${(total / 1000).toFixed(2)} s sampled${values.within ? ` under frames matching "${values.within}"` : ''}`,
);
show('self time by file / package', fileSelf);
show('self time by function', fnSelf);
show('inclusive time of project functions', inclusive);
