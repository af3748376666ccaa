// Queries for users, their passwords and one-time tokens. No business rules here.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import {
  departments,
  oneTimeTokens,
  passwords,
  users,
  type OneTimeTokenPurpose,
} from "#db/schema.ts";
import type { AppRole, OgwRole } from "#app/domain/roles.ts";

export type User = typeof users.$inferSelect;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function findUserById(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function getPasswordHash(db: Db, userId: number): string | undefined {
  return db
    .select({ hash: passwords.hash })
    .from(passwords)
    .where(eq(passwords.userId, userId))
    .get()?.hash;
}

export function setPasswordHash(db: Db, userId: number, hash: string, now = new Date()) {
  db.insert(passwords)
    .values({ userId, hash, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: passwords.userId, set: { hash, updatedAt: now.toISOString() } })
    .run();
}

export type NewUser = {
  email: string;
  name: string;
  departmentId: number | null;
  ogwRole: OgwRole;
  appRole: AppRole;
  status: User["status"];
};

export function insertUser(db: Db, user: NewUser): User {
  return db
    .insert(users)
    .values({ ...user, email: normaliseEmail(user.email) })
    .returning()
    .get();
}

export function updateUser(
  db: Db,
  id: number,
  changes: Partial<
    Pick<User, "appRole" | "status" | "deactivatedAt" | "name" | "departmentId" | "ogwRole">
  >,
  now = new Date(),
) {
  db.update(users)
    .set({ ...changes, updatedAt: now.toISOString() })
    .where(eq(users.id, id))
    .run();
}

export function listUsersWithDepartment(db: Db) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      ogwRole: users.ogwRole,
      appRole: users.appRole,
      status: users.status,
      departmentCode: departments.code,
      departmentName: departments.name,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(asc(users.name))
    .all();
}

export function listDepartments(db: Db) {
  return db.select().from(departments).orderBy(asc(departments.name)).all();
}

export function findDepartment(db: Db, id: number) {
  return db.select().from(departments).where(eq(departments.id, id)).get();
}

export function insertOneTimeToken(
  db: Db,
  token: {
    id: string;
    userId: number;
    purpose: OneTimeTokenPurpose;
    createdAt: Date;
    expiresAt: Date;
  },
) {
  db.insert(oneTimeTokens)
    .values({
      id: token.id,
      userId: token.userId,
      purpose: token.purpose,
      createdAt: token.createdAt.toISOString(),
      expiresAt: token.expiresAt.toISOString(),
    })
    .run();
}

export function findOneTimeToken(db: Db, id: string) {
  return db.select().from(oneTimeTokens).where(eq(oneTimeTokens.id, id)).get();
}

/** Marks a token used; returns false when it was already used (so two tabs cannot both use it). */
export function markOneTimeTokenUsed(db: Db, id: string, now = new Date()): boolean {
  const result = db
    .update(oneTimeTokens)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(oneTimeTokens.id, id), isNull(oneTimeTokens.usedAt)))
    .run();
  return result.changes === 1;
}

/** A new link makes older unused links of the same purpose worthless. */
export function expireOpenTokens(
  db: Db,
  userId: number,
  purpose: OneTimeTokenPurpose,
  now = new Date(),
) {
  db.update(oneTimeTokens)
    .set({ usedAt: now.toISOString() })
    .where(
      and(
        eq(oneTimeTokens.userId, userId),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
      ),
    )
    .run();
}
