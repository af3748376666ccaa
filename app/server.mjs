// The HTTP server: security headers, the cross-site check, static files and the Remix handler.
// Plain JavaScript so that `node app/server.mjs` runs it; the app's own code comes from the build.
import crypto from "node:crypto";
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
  console.error("Het Gildeportaal start niet:", error instanceof Error ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);
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
  console.log(`Gildeportaal OGW draait op http://localhost:${port}`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} ontvangen: de server stopt.`);
  server.close(async () => {
    await services.stop();
    await vite?.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
