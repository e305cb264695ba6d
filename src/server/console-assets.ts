import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Request, type Response } from 'express';

/** Where `npm install` (the `prepare` script) builds the console: `dist/console` at the package root. */
export const CONSOLE_DIR = join(import.meta.dirname, '..', '..', 'dist', 'console');

/**
 * The console's policy: its own scripts, styles and API only. No inline script or style (the build
 * emits none), no framing, no form posts, no base-URI tricks.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function secure(res: Response): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

/**
 * Serves the console at `/` (index.html, never cached: it names the current assets) and its assets
 * at `/assets/` (hashed names, cached for a year). Without a build, `/` says how to make one. The
 * console routes by the URL's fragment (`/#/accounts`), so it claims no path of the API.
 */
export function mountConsole(app: Express, dir: string = CONSOLE_DIR): void {
  const index = join(dir, 'index.html');
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
      setHeaders: secure,
    }),
  );
  app.get('/', (_req: Request, res: Response) => {
    secure(res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The console is not built: run `npm install` (or `npm run build:console`) and restart.\n');
      return;
    }
    res.type('html').send(readFileSync(index));
  });
}
