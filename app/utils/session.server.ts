// Login sessions in the Lucia way: a random token in the cookie, its SHA-256 as the row id,
// an idle timeout with sliding renewal and an absolute lifetime.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { loginSessions, users } from "#db/schema.ts";
import {
  ABSOLUTE_LIFETIME_MS,
  judgeSession,
  newSessionTimes,
} from "#app/domain/session-lifetime.ts";
import { generateToken, hashToken } from "./crypto-token.server.ts";
import { isHttps } from "./env.server.ts";

export type SessionUser = typeof users.$inferSelect;

export function sessionCookieName(): string {
  return isHttps() ? "__Host-gilde_sessie" : "gilde_sessie";
}

export function createLoginSession(db: Db, userId: number, now = new Date()): { token: string } {
  const token = generateToken();
  const times = newSessionTimes(now);
  db.insert(loginSessions)
    .values({
      id: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: times.expiresAt.toISOString(),
      absoluteExpiresAt: times.absoluteExpiresAt.toISOString(),
    })
    .run();
  return { token };
}

/** Returns the user of a valid session, renewing the idle timeout when due; null otherwise. */
export function validateSessionToken(
  db: Db,
  token: string,
  now = new Date(),
): { user: SessionUser; sessionId: string } | null {
  const sessionId = hashToken(token);
  const row = db
    .select({ session: loginSessions, user: users })
    .from(loginSessions)
    .innerJoin(users, eq(users.id, loginSessions.userId))
    .where(eq(loginSessions.id, sessionId))
    .get();
  if (!row) return null;
  const verdict = judgeSession(
    {
      expiresAt: new Date(row.session.expiresAt),
      absoluteExpiresAt: new Date(row.session.absoluteExpiresAt),
    },
    now,
  );
  if (!verdict.valid || row.user.status !== "active") {
    db.delete(loginSessions).where(eq(loginSessions.id, sessionId)).run();
    return null;
  }
  if (verdict.renewTo) {
    db.update(loginSessions)
      .set({ expiresAt: verdict.renewTo.toISOString() })
      .where(eq(loginSessions.id, sessionId))
      .run();
  }
  return { user: row.user, sessionId };
}

export function invalidateSession(db: Db, sessionId: string) {
  db.delete(loginSessions).where(eq(loginSessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: Db, userId: number) {
  db.delete(loginSessions).where(eq(loginSessions.userId, userId)).run();
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      return /^[a-z2-7]{20,128}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function sessionCookie(token: string): string {
  const attributes = [
    `${sessionCookieName()}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Max-Age=${Math.floor(ABSOLUTE_LIFETIME_MS / 1000)}`,
  ];
  if (isHttps()) attributes.push("Secure");
  return attributes.join("; ");
}

export function clearedSessionCookie(): string {
  const attributes = [`${sessionCookieName()}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0"];
  if (isHttps()) attributes.push("Secure");
  return attributes.join("; ");
}
