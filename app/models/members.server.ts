// Queries for the member directory: full-text search over members (the FTS5 table of migration
// 0007), one member's profile and the sessions they attended.
import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client.server.ts";
import {
  courses,
  courseSessions,
  departments,
  enrolments,
  memberExpertise,
  users,
} from "#db/schema.ts";
import type { CalendarDate } from "#app/domain/profile.ts";
import type { OgwRole, UserStatus } from "#app/domain/roles.ts";

/**
 * The FTS5 table (rowid = users.id), kept in step by triggers. Declared here only to query it:
 * drizzle-kit cannot create virtual tables, so it is not in db/schema.ts.
 */
const memberSearch = sqliteTable("member_search", {
  rowid: integer("rowid").notNull(),
  name: text("name").notNull(),
  team: text("team").notNull(),
  expertise: text("expertise").notNull(),
  introduction: text("introduction").notNull(),
});

/** More words make a slower query and no better result. */
export const MAX_SEARCH_WORDS = 10;

export type SearchWords = { words: string[]; dropped: number };

/**
 * The words of what someone typed, as the FTS tokenizer (unicode61) would see them: runs of
 * letters and digits. Everything else, FTS syntax included (" * ( ) : ^ - + and so on), separates
 * words, so that no typed text can act as a query operator. At most MAX_SEARCH_WORDS are kept.
 */
export function searchWords(text: string): SearchWords {
  const all = text
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    // A word of combining marks alone has no token, and an empty phrase matches nothing.
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  return {
    words: all.slice(0, MAX_SEARCH_WORDS),
    dropped: Math.max(0, all.length - MAX_SEARCH_WORDS),
  };
}

/**
 * An FTS5 MATCH expression in which every word is a quoted prefix term, all of them required:
 * `"jan"* AND "omgevings"*`. Quotes are doubled although searchWords leaves none, so that this
 * function is safe on its own. Null when there is nothing to search for.
 */
export function matchExpression(words: readonly string[]): string | null {
  const terms = words
    .slice(0, MAX_SEARCH_WORDS)
    .filter((word) => word.trim() !== "")
    .map((word) => `"${word.replace(/"/g, '""')}"*`);
  return terms.length > 0 ? terms.join(" AND ") : null;
}

export type DirectoryCriteria = {
  /** Words from searchWords; each must match name, team, expertise or introduction by prefix. */
  words?: readonly string[];
  departmentId?: number;
  ogwRole?: OgwRole;
  /** Former members (left the guild on or before `today`) are left out unless asked for. */
  includeFormer: boolean;
  /** Today in Europe/Amsterdam, YYYY-MM-DD. */
  today: CalendarDate;
};

const directoryColumns = {
  id: users.id,
  name: users.name,
  team: users.team,
  ogwRole: users.ogwRole,
  guildJoinedOn: users.guildJoinedOn,
  guildLeftOn: users.guildLeftOn,
  departmentName: departments.name,
};

function directoryConditions(criteria: DirectoryCriteria, match: string | null): SQL | undefined {
  return and(
    // Invited and deactivated accounts are no members one can find; anonymised ones never.
    eq(users.status, "active"),
    isNull(users.anonymisedAt),
    match ? sql`${memberSearch} MATCH ${match}` : undefined,
    criteria.departmentId !== undefined ? eq(users.departmentId, criteria.departmentId) : undefined,
    criteria.ogwRole ? eq(users.ogwRole, criteria.ogwRole) : undefined,
    // The SQL form of membershipStanding(...) !== "former" (app/domain/profile.ts).
    criteria.includeFormer
      ? undefined
      : or(isNull(users.guildLeftOn), gt(users.guildLeftOn, criteria.today)),
  );
}

/**
 * The query behind one page of the directory, sorted by name. Exported so that a test can ask
 * SQLite for its plan: with words, the text match must come from the FTS index.
 */
export function memberDirectoryQuery(
  db: Db,
  criteria: DirectoryCriteria,
  page: { limit: number; offset: number },
) {
  const match = matchExpression(criteria.words ?? []);
  const base = db.select(directoryColumns).from(users).$dynamic();
  const searched = match ? base.innerJoin(memberSearch, eq(memberSearch.rowid, users.id)) : base;
  return searched
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(directoryConditions(criteria, match))
    .orderBy(sql`${users.name} COLLATE NOCASE`, asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
}

export function countDirectoryMembers(db: Db, criteria: DirectoryCriteria): number {
  const match = matchExpression(criteria.words ?? []);
  const base = db.select({ total: count() }).from(users).$dynamic();
  const searched = match ? base.innerJoin(memberSearch, eq(memberSearch.rowid, users.id)) : base;
  return searched.where(directoryConditions(criteria, match)).get()?.total ?? 0;
}

/** Each member's expertise tags, alphabetically, for many members in one query. */
export function expertiseByMember(db: Db, userIds: readonly number[]): Map<number, string[]> {
  const result = new Map<number, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = db
    .select({ userId: memberExpertise.userId, tag: memberExpertise.tag })
    .from(memberExpertise)
    .where(inArray(memberExpertise.userId, [...userIds]))
    .orderBy(asc(memberExpertise.userId), sql`${memberExpertise.tag} COLLATE NOCASE`)
    .all();
  for (const row of rows) result.get(row.userId)?.push(row.tag);
  return result;
}

export type DirectoryMember = {
  id: number;
  name: string;
  team: string | null;
  ogwRole: OgwRole;
  departmentName: string | null;
  guildJoinedOn: CalendarDate | null;
  guildLeftOn: CalendarDate | null;
  /** All of the member's tags, alphabetically. */
  expertise: string[];
};

export type DirectoryPage = {
  total: number;
  /** The page shown: the one asked for, within 1…pageCount. */
  page: number;
  pageCount: number;
  members: DirectoryMember[];
};

/** One page of the directory: three queries (count, page, tags), whatever the page size. */
export function searchMembers(
  db: Db,
  criteria: DirectoryCriteria,
  paging: { page: number; pageSize: number },
): DirectoryPage {
  const total = countDirectoryMembers(db, criteria);
  const pageCount = Math.max(1, Math.ceil(total / paging.pageSize));
  const page = Math.min(Math.max(1, Math.trunc(paging.page) || 1), pageCount);
  const rows =
    total === 0
      ? []
      : memberDirectoryQuery(db, criteria, {
          limit: paging.pageSize,
          offset: (page - 1) * paging.pageSize,
        }).all();
  const tags = expertiseByMember(
    db,
    rows.map((row) => row.id),
  );
  return {
    total,
    page,
    pageCount,
    members: rows.map((row) => ({ ...row, expertise: tags.get(row.id) ?? [] })),
  };
}

export type MemberProfile = {
  id: number;
  name: string;
  status: UserStatus;
  team: string | null;
  introduction: string | null;
  ogwRole: OgwRole;
  departmentName: string | null;
  guildJoinedOn: CalendarDate | null;
  guildLeftOn: CalendarDate | null;
  expertise: string[];
};

/**
 * A member as the directory shows them; undefined for an unknown id, an invited account (not
 * started yet) and an anonymised one (gone for good). Deactivated members are found: their page
 * stays reachable from earlier links and is marked as such.
 */
export function getMemberProfile(db: Db, id: number): MemberProfile | undefined {
  const row = db
    .select({
      id: users.id,
      name: users.name,
      status: users.status,
      team: users.team,
      introduction: users.introduction,
      ogwRole: users.ogwRole,
      departmentName: departments.name,
      guildJoinedOn: users.guildJoinedOn,
      guildLeftOn: users.guildLeftOn,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(
      and(
        eq(users.id, id),
        inArray(users.status, ["active", "deactivated"]),
        isNull(users.anonymisedAt),
      ),
    )
    .get();
  if (!row) return undefined;
  return { ...row, expertise: expertiseByMember(db, [row.id]).get(row.id) ?? [] };
}

export type AttendedSession = {
  sessionId: number;
  startsAt: string;
  endsAt: string;
  courseSlug: string;
  courseTitle: string;
  coursePublished: boolean;
};

/** Sessions where the member's attendance was registered as attended, most recent first. */
export function listAttendedSessions(db: Db, memberId: number): AttendedSession[] {
  return db
    .select({
      sessionId: courseSessions.id,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      coursePublished: courses.published,
    })
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(and(eq(enrolments.memberId, memberId), eq(enrolments.attendance, "attended")))
    .orderBy(desc(courseSessions.startsAt), desc(courseSessions.id))
    .all();
}
