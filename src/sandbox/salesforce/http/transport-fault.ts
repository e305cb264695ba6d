import type { Request, Response } from 'express';
import type { TransportFault } from '../faults.ts';
import type { SalesforceState } from '../state.ts';
import { send, sfError } from './respond.ts';

/**
 * Carries out a transport fault. Returns true when the request is finished (answered or its
 * connection reset); a slow fault only delays it. The 5xx bodies are what Salesforce's edge and app
 * servers typically answer: JSON for 500/503, an HTML page for 502.
 */
export async function applyTransportFault(
  state: SalesforceState,
  fault: TransportFault | null,
  req: Request,
  res: Response,
): Promise<boolean> {
  if (!fault) return false;
  if (fault.kind === 'slow') {
    state.stats.faults.slow += 1;
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    return false;
  }
  if (fault.kind === 'rateLimited') {
    // An edge's refusal, not an API error body: jsforce reports it as ERROR_HTTP_429.
    state.stats.faults.rateLimited += 1;
    res.status(429).setHeader('Retry-After', String(fault.retryAfterSeconds));
    res.setHeader('Content-Type', 'text/plain');
    res.end('Too Many Requests');
    return true;
  }
  if (fault.kind === 'reset') {
    state.stats.faults.reset += 1;
    req.socket.destroy();
    return true;
  }
  state.stats.faults.status += 1;
  if (fault.status === 502) {
    res.status(502).setHeader('Content-Type', 'text/html');
    res.end(
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
    );
  } else if (fault.status === 503) {
    send(
      res,
      sfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please retry your request.'),
    );
  } else {
    const errorId = `${1_000_000_000 + state.stats.faults.status}-${20_000 + state.stats.faults.status}`;
    send(
      res,
      sfError(
        500,
        'UNKNOWN_EXCEPTION',
        `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId} (-1785347562)`,
      ),
    );
  }
  return true;
}
