// The entry point: first the V8 flags (they need a fresh process), then the CLI itself.
import { relaunchWithRuntimeFlags } from './runtime-flags.ts';

relaunchWithRuntimeFlags();
await import('./program.ts');
