// Guards for loaders and actions: who is signed in, and may they be here.
import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.server.ts";
import type { AppRole } from "#app/domain/roles.ts";
import { can, type Permission } from "./permissions.ts";
import { requireSameOrigin } from "./request-guard.server.ts";
import { readSessionToken, validateSessionToken, type SessionUser } from "./session.server.ts";

export type CurrentUser = SessionUser & { sessionId: string };

export function getOptionalUser(request: Request): CurrentUser | null {
  const token = readSessionToken(request);
  if (!token) return null;
  const found = validateSessionToken(getDb(), token);
  return found ? { ...found.user, sessionId: found.sessionId } : null;
}

/** Where to come back to after signing in; only paths on this site. */
export function safeReturnPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}

export function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const target = back === "/" ? "/inloggen" : `/inloggen?terug=${encodeURIComponent(back)}`;
  return redirect(target);
}

export function forbidden(): Response {
  return new Response("U hebt geen toegang tot deze pagina.", { status: 403 });
}

export function requireUser(request: Request): CurrentUser {
  requireSameOrigin(request);
  const user = getOptionalUser(request);
  if (!user) throw signInRedirect(request);
  return user;
}

export function requireRole(request: Request, ...roles: AppRole[]): CurrentUser {
  const user = requireUser(request);
  if (!roles.includes(user.appRole)) throw forbidden();
  return user;
}

export function requirePermission(request: Request, permission: Permission): CurrentUser {
  const user = requireUser(request);
  if (!can(user.appRole, permission)) throw forbidden();
  return user;
}

/** For the sign-in pages: someone who is already signed in goes to the dashboard. */
export function requireAnonymous(request: Request) {
  requireSameOrigin(request);
  if (getOptionalUser(request)) throw redirect("/");
}
