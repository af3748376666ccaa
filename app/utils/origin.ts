// Cross-site request forgery defence: a state-changing request must come from the app's own pages.

export type OriginCheckInput = {
  method: string;
  origin: string | null;
  referer: string | null;
  secFetchSite: string | null;
  /** Origins the app is served from (APP_URL and the request's own host). */
  allowedOrigins: readonly string[];
};

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** True when the request may change state. Safe methods always pass. */
export function isSameOriginRequest(input: OriginCheckInput): boolean {
  if (safeMethods.has(input.method.toUpperCase())) return true;
  if (input.secFetchSite !== null && input.secFetchSite !== "same-origin") return false;
  if (input.origin !== null) {
    return input.allowedOrigins.includes(input.origin);
  }
  if (input.referer !== null) {
    const refererOrigin = originOf(input.referer);
    return refererOrigin !== null && input.allowedOrigins.includes(refererOrigin);
  }
  return false;
}
