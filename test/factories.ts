// Test data built through the app's own models, and requests that carry a signed-in session.
import crypto from "node:crypto";
import { getDb } from "#db/client.server.ts";
import { departments } from "#db/schema.ts";
import type { AppRole, OgwRole } from "#app/domain/roles.ts";
import { insertUser, setPasswordHash, type User } from "#app/models/users.server.ts";
import { hashPassword } from "#app/utils/password.server.ts";
import { createLoginSession, sessionCookieName } from "#app/utils/session.server.ts";

export const APP = "http://localhost:3000";
export const TEST_PASSWORD = "paars paard op de dijk";

let cachedHash: Promise<string> | undefined;

export function ensureDepartment(code = "P&O", name = "Personeel en Organisatie"): number {
  const db = getDb();
  const row = db
    .insert(departments)
    .values({ code, name })
    .onConflictDoUpdate({ target: departments.code, set: { name } })
    .returning({ id: departments.id })
    .get();
  return row.id;
}

export async function createUser(
  overrides: Partial<{
    appRole: AppRole;
    ogwRole: OgwRole;
    status: User["status"];
    email: string;
    name: string;
  }> = {},
): Promise<User> {
  const db = getDb();
  const user = insertUser(db, {
    email: overrides.email ?? `test-${crypto.randomUUID()}@gilde.example`,
    name: overrides.name ?? "Test Gebruiker",
    departmentId: ensureDepartment(),
    ogwRole: overrides.ogwRole ?? "employee",
    appRole: overrides.appRole ?? "member",
    status: overrides.status ?? "active",
  });
  if (user.status !== "invited") {
    cachedHash ??= hashPassword(TEST_PASSWORD);
    setPasswordHash(db, user.id, await cachedHash);
  }
  return user;
}

export function sessionCookieFor(userId: number): string {
  const { token } = createLoginSession(getDb(), userId);
  return `${sessionCookieName()}=${token}`;
}

export function appRequest(
  path: string,
  init: {
    method?: string;
    cookie?: string;
    form?: Record<string, string>;
    origin?: string | null;
    headers?: Record<string, string>;
  } = {},
): Request {
  const method = init.method ?? (init.form ? "POST" : "GET");
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (method !== "GET" && init.origin !== null) headers.set("Origin", init.origin ?? APP);
  let body: URLSearchParams | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(new URL(path, APP), { method, headers, body });
}

export const testContext = {
  cspNonce: "test",
  requestId: "test-request",
  clientAddress: "192.0.2.10",
};

/** A loader or action, called directly with a request, its params and the load context. */
export type RouteFn = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof testContext;
}) => unknown;

/** Runs a loader or action and returns the Response whether it was returned or thrown. */
export async function settle(
  run: () => unknown,
): Promise<{ response: Response | null; value: unknown }> {
  try {
    const value = await run();
    if (value instanceof Response) return { response: value, value };
    return { response: null, value };
  } catch (error) {
    if (error instanceof Response) return { response: error, value: error };
    throw error;
  }
}

/** The HTTP status of what a loader or action produced (a Response, `data()` or plain data). */
export function statusOf(result: { response: Response | null; value: unknown }): number {
  if (result.response) return result.response.status;
  const init = (result.value as { init?: { status?: number } } | null)?.init;
  return init?.status ?? 200;
}
