// Refuses state-changing requests from other sites. Runs centrally in the server and again in every guard.
import { appOrigin } from "./env.server.ts";
import { isSameOriginRequest } from "./origin.ts";

export function allowedOriginsFor(request: Request): string[] {
  const origins = new Set([appOrigin()]);
  // The request URL is built from the Host header, which a cross-site page cannot choose.
  origins.add(new URL(request.url).origin);
  return [...origins];
}

export function requestIsSameOrigin(request: Request): boolean {
  return isSameOriginRequest({
    method: request.method,
    origin: request.headers.get("origin"),
    referer: request.headers.get("referer"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    allowedOrigins: allowedOriginsFor(request),
  });
}

export function forbiddenCrossSiteResponse(): Response {
  return new Response("Dit verzoek komt niet van het Gildeportaal en is geweigerd.", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Throws a 403 response when a non-GET request does not come from the app itself. */
export function requireSameOrigin(request: Request) {
  if (!requestIsSameOrigin(request)) throw forbiddenCrossSiteResponse();
}
