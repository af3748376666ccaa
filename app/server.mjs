// The HTTP server: security headers, the cross-site check, static files and the Remix handler.
// Plain JavaScript so that `node app/server.mjs` runs it; the app's own code comes from the build.
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  process.loadEnvFile(path.join(root, ".env"));
} catch {
  // No .env: the defaults in env.server.ts apply.
}
const production = process.env.NODE_ENV === "production";

const vite = production
  ? undefined
  : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));

const loadBuild = vite
  ? () => vite.ssrLoadModule("virtual:remix/server-build")
  : () => import(path.join(root, "build/server/index.js"));

let entry = (await loadBuild()).entry.module;
let services;
try {
  services = entry.startServices();
} catch (error) {
  // On stderr in plain text: the configuration that the logger reads may be what is broken.
  console.error("Het Gildeportaal start niet:", error instanceof Error ? error.message : error);
  process.exit(1);
}
const logger = entry.getLogger();

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);

// Responses still being worked on; a shutdown waits for them.
const inFlight = new Set();
const servedSockets = new WeakSet();
const busySockets = new Set();
let stopping = false;

app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  // The first request on a connection accepted before SIGTERM is in flight and is served; a further
  // request on a kept-alive connection after SIGTERM is refused before anything runs, and the
  // connection closes, so the client retries on a fresh one (elsewhere, or after the restart).
  const reused = servedSockets.has(req.socket);
  servedSockets.add(req.socket);
  if (stopping && reused) {
    res.setHeader("Connection", "close");
    res.setHeader("Retry-After", "5");
    res.status(503).type("text/plain; charset=utf-8");
    res.send("Het Gildeportaal wordt herstart. Probeer het over enkele seconden opnieuw.");
    return;
  }
  if (stopping) res.setHeader("Connection", "close");
  inFlight.add(res);
  busySockets.add(req.socket);
  res.once("close", () => {
    inFlight.delete(res);
    busySockets.delete(req.socket);
    // A kept-alive connection whose last response has just ended is idle now; during a shutdown it
    // would otherwise hold the server open until its keep-alive timeout.
    if (stopping) setImmediate(closeIdleConnections);
    logger.info({
      requestId: res.locals.requestId,
      method: req.method,
      // The logger strips the query and the tokens of invitation and reset links.
      path: req.originalUrl,
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      ...(res.writableFinished ? {} : { aborted: true }),
    });
  });
  next();
});
app.use(compression());

app.use(async (req, res, next) => {
  if (vite) entry = (await loadBuild()).entry.module;
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  res.locals.requestId = crypto.randomUUID();
  // A route that sends its own Content-Security-Policy (the mail HTML views) replaces the default;
  // the Remix adapter appends headers, and two policies would both be enforced.
  const append = res.append.bind(res);
  res.append = (field, value) =>
    field.toLowerCase() === "content-security-policy"
      ? res.set(field, value)
      : append(field, value);
  res.setHeader("X-Request-Id", res.locals.requestId);
  for (const [name, value] of Object.entries(entry.responseHeaders(res.locals.cspNonce))) {
    res.setHeader(name, value);
  }
  const probe = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
    method: req.method === "GET" || req.method === "HEAD" ? req.method : "POST",
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      typeof value === "string" ? [[name, value]] : [],
    ),
  });
  if (req.method !== "GET" && req.method !== "HEAD" && !entry.requestIsSameOrigin(probe)) {
    res.setHeader("Cache-Control", "no-store");
    res.status(403).type("text/plain; charset=utf-8");
    res.send("Dit verzoek komt niet van het Gildeportaal en is geweigerd.");
    return;
  }
  next();
});

if (vite) {
  app.use(vite.middlewares);
} else {
  app.use(
    "/assets",
    express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
}

app.use((_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
});

app.all(
  "*",
  createRequestHandler({
    build: vite ? loadBuild : await loadBuild(),
    mode: production ? "production" : "development",
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      requestId: res.locals.requestId,
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "onbekend",
    }),
  }),
);

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => {
  logger.info({ port }, `Gildeportaal OGW draait op http://localhost:${port}`);
});

const connections = new Set();
server.on("connection", (socket) => {
  connections.add(socket);
  socket.once("close", () => connections.delete(socket));
});

/**
 * Closes kept-alive connections that wait for a next request. Node's own closeIdleConnections also
 * closes a connection that was just accepted and whose request has not been read yet, which would
 * reset a request in flight; such fresh connections get FRESH_CONNECTION_GRACE_MS to show theirs.
 */
function closeIdleConnections(includeFresh = false) {
  for (const socket of connections) {
    if (busySockets.has(socket)) continue;
    if (includeFresh || servedSockets.has(socket)) socket.destroy();
  }
}

// Beyond this the shutdown gives up on slow requests or a hanging SMTP server; an unfinished
// message keeps its lease and is sent again later, and no database transaction is ever half done.
const SHUTDOWN_TIMEOUT_MS = 25_000;
const FRESH_CONNECTION_GRACE_MS = 2_000;

function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  const hardStop = setTimeout(() => {
    logger.error(
      { signal, inFlight: inFlight.size },
      "Afsluiten duurt te lang: de server stopt hard.",
    );
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  hardStop.unref();
  // After this loop turn's accepts: a connection that waited in the backlog while the event loop
  // was busy has been sent its request already and is served rather than reset.
  setImmediate(() => {
    // No new connections; the callback runs once every open connection has ended. The plain net
    // close: http's close would also drop accepted connections whose request is still unread.
    net.Server.prototype.close.call(server, async () => {
      try {
        await services.stop();
        await vite?.close();
        logger.info({ signal }, "De server is gestopt.");
        process.exit(0);
      } catch (error) {
        logger.error({ err: error, signal }, "Afsluiten is mislukt.");
        process.exit(1);
      }
    });
    // Responses in progress end their connection; idle kept-alive connections close now.
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    closeIdleConnections();
    setTimeout(() => closeIdleConnections(true), FRESH_CONNECTION_GRACE_MS).unref();
    logger.info(
      { signal, inFlight: inFlight.size, connections: connections.size },
      `${signal} ontvangen: de server stopt.`,
    );
  });
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
