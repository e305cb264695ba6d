// The entry point: first the V8 flags (they need a fresh process), then the CLI itself.
import { enableCompileCache } from 'node:module';
import { relaunchWithRuntimeFlags, wantsRuntimeFlags } from './runtime-flags.ts';

// Node keeps the type-stripped, compiled modules in its compile cache (os.tmpdir()/node-compile-cache,
// or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): entries are checked against the
// source, and a warm cache halves the CPU a CLI start costs (1.9 s to 0.85 s for --version, 2 cores).
enableCompileCache();
if (wantsRuntimeFlags(process.argv.slice(2))) relaunchWithRuntimeFlags();
const { runProgram } = await import('./program.ts');
await runProgram(process.argv);
