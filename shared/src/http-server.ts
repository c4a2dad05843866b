import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { requestLogger, type Logger } from './logger.ts';
import { Errors } from './errors.ts';
import { parseTraceparent } from './trace-context.ts';

/**
 * The one HTTP front for every process (gateway and subgraphs): Node's own http server, routes for
 * health, and Apollo Server's `executeHTTPGraphQLRequest` for GraphQL. No web framework: the
 * surface is four routes, and one fewer layer is one fewer thing between a request and its plan.
 */

/** What a context factory learns about the HTTP request. */
export interface IncomingRequestInfo {
  headers: http.IncomingHttpHeaders;
  /** The caller's request id (`x-request-id`) or a fresh one; echoed back and logged. */
  requestId: string;
  /** The caller's W3C `traceparent`, when it sent a well-formed one. */
  traceparent?: string;
  /** The process logger with this request's `requestId` (and `traceId`) on every line. */
  logger?: Logger;
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: IncomingRequestInfo) => Promise<TContext>;
  logger: Logger;
  /** Requests with larger bodies are refused with 413 before parsing. */
  maxBodyBytes: number;
  /** Extra GET routes (health, metrics…), by exact path. */
  routes?: Record<string, RouteHandler>;
  /** Paths that serve GraphQL. */
  graphqlPaths?: string[];
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(headers: http.IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const graphqlError = (status: number, message: string, code: string) => ({ status, body: { errors: [{ message, extensions: { code } }] } });

/** Servers that `closeServer` is draining: they answer with `connection: close` from then on. */
const draining = new WeakSet<http.Server>();

/** True once `closeServer` has been called: readiness routes answer 503 so traffic moves away. */
export const isDraining = (server: http.Server): boolean => draining.has(server);

export function createHttpServer<TContext extends BaseContext>(options: HttpServerOptions<TContext>): http.Server {
  const { apollo, logger, maxBodyBytes, routes = {}, graphqlPaths = ['/graphql', '/'] } = options;
  const graphql = new Set(graphqlPaths);

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = requestIdOf(req.headers);
    res.setHeader('x-request-id', requestId);
    // While draining, every answer ends its keep-alive connection so the server can close.
    if (draining.has(server)) res.setHeader('connection', 'close');

    const route = routes[url.pathname];
    if (route && (req.method === 'GET' || req.method === 'HEAD')) return route(req, res);
    if (!graphql.has(url.pathname)) return sendJson(res, 404, { error: 'Not found', path: url.pathname });

    const trace = parseTraceparent(req.headers.traceparent);
    const log = requestLogger(logger, { requestId, traceId: trace?.traceId });

    let body: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          log.warn({ limit: maxBodyBytes }, 'request body too large');
          const { status, body: payload } = graphqlError(413, `The request body is larger than ${maxBodyBytes} bytes.`, Errors.PAYLOAD_TOO_LARGE.name);
          res.setHeader('connection', 'close');
          return sendJson(res, status, payload);
        }
        throw error;
      }
      const type = req.headers['content-type'] ?? '';
      if (type.includes('application/json') || type.includes('application/graphql-response+json')) {
        try {
          body = text === '' ? {} : JSON.parse(text);
        } catch {
          const { status, body: payload } = graphqlError(400, 'The request body is not valid JSON.', 'BAD_REQUEST');
          return sendJson(res, status, payload);
        }
      } else {
        body = text;
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // Plugins (request logging, metrics) see the id actually in use, also when it was generated here.
    headers.set('x-request-id', requestId);
    const info: IncomingRequestInfo = { headers: req.headers, requestId, logger: log };
    if (trace) info.traceparent = req.headers.traceparent as string;

    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: () => options.context(info),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // Draining may have begun while this request was being executed.
    if (draining.has(server)) res.setHeader('connection', 'close');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url, requestId: res.getHeader('x-request-id') }, 'request failed outside GraphQL execution');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: Errors.INTERNAL_SERVER_ERROR.name } }] });
      else res.end();
    });
  });
  return server;
}

/** Listens and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export interface CloseServerOptions {
  /** How long in-flight requests may take to finish before their sockets are destroyed (default 10 s). */
  drainMs?: number;
}

export interface CloseOutcome {
  /** True when the deadline passed and open connections were destroyed. */
  forced: boolean;
  /** How long draining took. */
  durationMs: number;
}

/**
 * Graceful stop: stops accepting connections, lets in-flight requests finish (their answers carry
 * `connection: close`), closes keep-alive sockets as they fall idle, and after `drainMs` destroys
 * whatever is still open. Resolves once the server is closed.
 */
export function closeServer(server: http.Server, { drainMs = 10_000 }: CloseServerOptions = {}): Promise<CloseOutcome> {
  const started = Date.now();
  draining.add(server);
  return new Promise((resolve) => {
    let forced = false;
    // A keep-alive socket that served a request started before draining goes idle only after its
    // answer: sweep idle sockets until everything is closed.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, drainMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ forced, durationMs: Date.now() - started });
    });
    server.closeIdleConnections();
  });
}
