import { join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The console's build: src/console → dist/console, assets with content hashes under /assets/ (the
 * server caches them for a year), no inline script or style (the server's CSP forbids both).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: join(import.meta.dirname, '..', '..', 'dist', 'console'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // A data: URL would need a wider CSP; every asset is a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
});
