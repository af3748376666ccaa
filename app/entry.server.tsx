import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./utils/request-context.tsx";
import { startServices } from "./utils/services.server.ts";
import { requestIsSameOrigin } from "./utils/request-guard.server.ts";
import { securityHeaders } from "./utils/security-headers.ts";
import { getEnv, isHttps } from "./utils/env.server.ts";
import { getLogger, redactPath } from "./utils/logger.server.ts";

export const streamTimeout = 5_000;

// The HTTP server (app/server.mjs) reaches these through the server build.
export { startServices, requestIsSameOrigin, getLogger, redactPath };

export function responseHeaders(nonce: string): Record<string, string> {
  return securityHeaders({
    nonce,
    https: isHttps(),
    development: getEnv().NODE_ENV === "development",
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const callback = isbot(request.headers.get("user-agent") || "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) {
            getLogger().error(
              {
                err: error,
                requestId: loadContext.requestId,
                method: request.method,
                path: new URL(request.url).pathname,
              },
              "Fout tijdens het versturen van de pagina",
            );
          }
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const requestId = (context as Partial<AppLoadContext> | undefined)?.requestId ?? "onbekend";
  getLogger().error(
    { err: error, requestId, method: request.method, path: new URL(request.url).pathname },
    `Fout bij ${request.method} ${redactPath(new URL(request.url).pathname)}`,
  );
};
