import { expect, it } from 'vitest';
import { buildProgram, commandsFor } from '../../src/cli/program.ts';

it('loads only the command asked for; none for --version; all for help or an unknown command', () => {
  expect(commandsFor(['sync', '--full'])).toEqual(['sync']);
  expect(commandsFor(['hash-key'])).toEqual(['hash-key']);
  expect(commandsFor(['--version'])).toEqual([]);
  const all = commandsFor([]);
  expect(all).toContain('worker');
  expect(all.length).toBeGreaterThanOrEqual(11);
  expect(commandsFor(['--help'])).toEqual(all);
  expect(commandsFor(['snyc'])).toEqual(all);
  expect(commandsFor(['help', 'sync'])).toEqual(all);
});

it('registers the loaded commands with commander', async () => {
  const one = await buildProgram(['validate']);
  expect(one.commands.map((c) => c.name())).toEqual(['validate']);
  const all = await buildProgram(['--help']);
  expect(all.commands.map((c) => c.name()).sort()).toEqual(commandsFor([]).sort());
});
