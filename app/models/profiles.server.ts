// Queries for a member's profile (team, introduction, OGW role, expertise tags) and their guild
// membership dates. No business rules here.
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { departments, memberExpertise, users } from "#db/schema.ts";
import type { OgwRole } from "#app/domain/roles.ts";

export type Profile = {
  id: number;
  name: string;
  email: string;
  status: (typeof users.$inferSelect)["status"];
  anonymisedAt: string | null;
  ogwRole: OgwRole;
  team: string | null;
  introduction: string | null;
  guildJoinedOn: string | null;
  guildLeftOn: string | null;
  departmentCode: string | null;
  departmentName: string | null;
};

export function findProfile(db: Db, userId: number): Profile | undefined {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      status: users.status,
      anonymisedAt: users.anonymisedAt,
      ogwRole: users.ogwRole,
      team: users.team,
      introduction: users.introduction,
      guildJoinedOn: users.guildJoinedOn,
      guildLeftOn: users.guildLeftOn,
      departmentCode: departments.code,
      departmentName: departments.name,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId))
    .get();
}

/** The member's tags in the order they typed them (insertion order). */
export function listExpertiseTags(db: Db, userId: number): string[] {
  return db
    .select({ tag: memberExpertise.tag })
    .from(memberExpertise)
    .where(eq(memberExpertise.userId, userId))
    .orderBy(asc(sql`rowid`))
    .all()
    .map((row) => row.tag);
}

export function replaceExpertiseTags(db: Db, userId: number, tags: readonly string[]) {
  db.delete(memberExpertise).where(eq(memberExpertise.userId, userId)).run();
  if (tags.length > 0) {
    db.insert(memberExpertise)
      .values(tags.map((tag) => ({ userId, tag })))
      .run();
  }
}

export function updateProfileColumns(
  db: Db,
  userId: number,
  changes: { team: string | null; introduction: string | null; ogwRole: OgwRole },
  now = new Date(),
) {
  db.update(users)
    .set({ ...changes, updatedAt: now.toISOString() })
    .where(eq(users.id, userId))
    .run();
}

export function setGuildMembership(
  db: Db,
  userId: number,
  dates: { guildJoinedOn: string | null; guildLeftOn: string | null },
  now = new Date(),
) {
  db.update(users)
    .set({ ...dates, updatedAt: now.toISOString() })
    .where(eq(users.id, userId))
    .run();
}
