/** A programmable local HTTP server for the HTTP client's tests (127.0.0.1, ephemeral port). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface TestServer {
  origin: string;
  /** Requests seen, with their headers. */
  seen: { path: string; headers: http.IncomingHttpHeaders }[];
  /** Most requests in flight at once. */
  maxInFlight: () => number;
  close: () => Promise<void>;
}

export async function startTestServer(routes: Record<string, Handler>): Promise<TestServer> {
  const seen: TestServer['seen'] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((request, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => (inFlight -= 1));
    seen.push({ path: request.url ?? '', headers: request.headers });
    const handler = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (handler) handler(request, response);
    else {
      response.writeHead(404);
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers after `milliseconds`, unless the client has gone. */
export function after(milliseconds: number, status = 200, body = 'ok'): Handler {
  return (_, response) => {
    const timer = setTimeout(() => {
      if (!response.destroyed) {
        response.writeHead(status, { 'content-type': 'text/html' });
        response.end(body);
      }
    }, milliseconds);
    response.on('close', () => clearTimeout(timer));
  };
}

export function reply(status: number, body = '', headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_, response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    response.end(body);
  };
}
