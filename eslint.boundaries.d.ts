import type { Linter } from 'eslint';

/** Per-folder dependency-direction rules (see eslint.boundaries.js). */
export declare const boundaries: Linter.Config[];
