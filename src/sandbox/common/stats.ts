import type { NextFunction, Request, Response } from 'express';

/** Requests per endpoint and responses per status, for GET /__sandbox/stats and the benchmark. */
export interface StatsRecorder {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  snapshot(): { requests: Record<string, number>; statuses: Record<string, number>; total: number };
  reset(): void;
}

export function createStats(): StatsRecorder {
  let requests: Record<string, number> = {};
  let statuses: Record<string, number> = {};
  let total = 0;
  return {
    middleware(req, res, next) {
      if (req.path.startsWith('/__sandbox')) return next();
      res.on('close', () => {
        // The matched route pattern when there is one (ids in paths collapse into one endpoint).
        const route = (req.route as { path?: unknown } | undefined)?.path;
        const path = typeof route === 'string' ? req.baseUrl + route : req.originalUrl.split('?')[0]!;
        const endpoint = `${req.method} ${path}`;
        requests[endpoint] = (requests[endpoint] ?? 0) + 1;
        statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
        total++;
      });
      next();
    },
    snapshot: () => ({ requests: { ...requests }, statuses: { ...statuses }, total }),
    reset() {
      requests = {};
      statuses = {};
      total = 0;
    },
  };
}
