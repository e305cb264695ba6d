import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

export interface Listening {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (an ephemeral port unless one is given); close() drops open connections. */
export function listen(app: RequestListener, port = 0, host = '127.0.0.1'): Promise<Listening> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer(app);
    // Long pages of a big dataset take a while to build; never cut a client off mid-response.
    server.requestTimeout = 0;
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://${host}:${bound}`,
        port: bound,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
