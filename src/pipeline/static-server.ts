/**
 * Serves a built site on localhost, with sirv (a small, maintained static
 * file middleware) rather than a hand-written file server: MIME types,
 * directory indexes, ETags and path traversal are its job.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  close: () => Promise<void>;
}

/** Listens on 127.0.0.1:`port`, or on any free port when that one is taken (or `port` is 0). */
export async function serveDirectory(directory: string, port: number): Promise<StaticServer> {
  const handler = sirv(directory, { dev: false, etag: true, extensions: ['html'] });
  const server = http.createServer((request, response) =>
    handler(request, response, () => {
      response.statusCode = 404;
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.end('Page introuvable\n');
    }),
  );
  const listen = (candidate: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(candidate, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await listen(0);
  }
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
