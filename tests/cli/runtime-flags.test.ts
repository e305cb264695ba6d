import { expect, it } from 'vitest';
import { RUNTIME_FLAGS, missingRuntimeFlags } from '../../src/cli/runtime-flags.ts';

it('asks for every runtime flag that neither the command line nor NODE_OPTIONS sets', () => {
  expect(RUNTIME_FLAGS).toEqual(['--max-semi-space-size=16']);
  expect(missingRuntimeFlags([], undefined)).toEqual(RUNTIME_FLAGS);
  expect(missingRuntimeFlags(['--max-semi-space-size=64'], undefined)).toEqual([]);
  // V8 accepts underscores for dashes.
  expect(missingRuntimeFlags([], '--max_semi_space_size=8 --enable-source-maps')).toEqual([]);
  expect(missingRuntimeFlags(['--cpu-prof'], '--max-old-space-size=512')).toEqual(RUNTIME_FLAGS);
});
