// Read queries for the catalogue as members see it: the filtered list, a course with its sessions,
// a session with its course. Maintenance queries live in catalogue-admin.server.ts.
import { and, asc, count, eq, exists, gt, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client.server.ts";
import {
  courseLearningGoals,
  courses,
  courseSessions,
  courseTargetRoles,
  enrolments,
  learningGoals,
  type CourseKind,
  type SessionStatus,
} from "#db/schema.ts";
import { seatsLeft } from "#app/domain/catalogue.ts";
import { preparedFor } from "#app/models/prepared-queries.server.ts";
import { seatHoldingStatuses } from "#app/domain/enrolment.ts";
import type { OgwRole } from "#app/domain/roles.ts";

export type CatalogueFilters = {
  kind?: CourseKind;
  ogwRole?: OgwRole;
  /** Slug of a learning goal. */
  learningGoal?: string;
  /** Only courses with an upcoming planned session starting in [startsFrom, startsBefore). */
  startsFrom?: Date;
  startsBefore?: Date;
  /** Free text, matched against title, summary and provider. */
  q?: string;
};

export type LearningGoalRef = { slug: string; title: string };

export type UpcomingSession = {
  id: number;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  capacity: number;
  seatsLeft: number;
  enrolmentDeadline: string;
  sessionCostCents: number;
};

export type CatalogueEntry = {
  id: number;
  slug: string;
  title: string;
  kind: CourseKind;
  summary: string;
  provider: string;
  published: boolean;
  costPerParticipantCents: number;
  targetRoles: OgwRole[];
  learningGoals: LearningGoalRef[];
  /** The first planned session still to start (within the period filter, if any); null if none. */
  nextSession: UpcomingSession | null;
};

/**
 * Seats taken per session: confirmed enrolments plus paid requests waiting for approval (each holds
 * a seat, see app/domain/enrolment.ts). Every seat figure in the catalogue goes through here.
 */
export function takenSeatCounts(db: Db, sessionIds: readonly number[]): Map<number, number> {
  const result = new Map(sessionIds.map((id) => [id, 0]));
  if (sessionIds.length === 0) return result;
  const rows = db
    .select({ sessionId: enrolments.sessionId, taken: count() })
    .from(enrolments)
    .where(
      and(
        inArray(enrolments.sessionId, [...sessionIds]),
        inArray(enrolments.status, seatHoldingStatuses),
      ),
    )
    .groupBy(enrolments.sessionId)
    .all();
  for (const row of rows) result.set(row.sessionId, row.taken);
  return result;
}

/** Escapes LIKE wildcards so that "100%" or "a_b" match literally; used with ESCAPE '\'. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function containsText(column: AnySQLiteColumn, text: string): SQL {
  // SQLite's LIKE ignores case for ASCII letters.
  return sql`${column} like ${likePattern(text)} escape '\\'`;
}

function upcomingPlanned(
  now: Date,
  filters: Pick<CatalogueFilters, "startsFrom" | "startsBefore">,
): SQL {
  return and(
    eq(courseSessions.status, "planned"),
    gt(courseSessions.startsAt, now.toISOString()),
    filters.startsFrom ? gte(courseSessions.startsAt, filters.startsFrom.toISOString()) : undefined,
    filters.startsBefore
      ? lt(courseSessions.startsAt, filters.startsBefore.toISOString())
      : undefined,
  )!;
}

function rolesByCourse(db: Db, courseIds: number[]): Map<number, OgwRole[]> {
  const result = new Map<number, OgwRole[]>();
  if (courseIds.length === 0) return result;
  const rows = db
    .select({ courseId: courseTargetRoles.courseId, ogwRole: courseTargetRoles.ogwRole })
    .from(courseTargetRoles)
    .where(inArray(courseTargetRoles.courseId, courseIds))
    .all();
  for (const row of rows)
    result.set(row.courseId, [...(result.get(row.courseId) ?? []), row.ogwRole]);
  return result;
}

function goalsByCourse(db: Db, courseIds: number[]): Map<number, LearningGoalRef[]> {
  const result = new Map<number, LearningGoalRef[]>();
  if (courseIds.length === 0) return result;
  const rows = db
    .select({
      courseId: courseLearningGoals.courseId,
      slug: learningGoals.slug,
      title: learningGoals.title,
    })
    .from(courseLearningGoals)
    .innerJoin(learningGoals, eq(learningGoals.id, courseLearningGoals.learningGoalId))
    .where(inArray(courseLearningGoals.courseId, courseIds))
    .orderBy(asc(learningGoals.sortOrder), asc(learningGoals.title))
    .all();
  for (const { courseId, ...goal } of rows)
    result.set(courseId, [...(result.get(courseId) ?? []), goal]);
  return result;
}

/** The first upcoming planned session of each course, in one query (a window function). */
function nextSessionByCourse(
  db: Db,
  courseIds: number[],
  now: Date,
  filters: Pick<CatalogueFilters, "startsFrom" | "startsBefore">,
): Map<number, UpcomingSession> {
  const result = new Map<number, UpcomingSession>();
  if (courseIds.length === 0) return result;
  const ranked = db.$with("ranked").as(
    db
      .select({
        id: courseSessions.id,
        courseId: courseSessions.courseId,
        startsAt: courseSessions.startsAt,
        endsAt: courseSessions.endsAt,
        location: courseSessions.location,
        onlineUrl: courseSessions.onlineUrl,
        capacity: courseSessions.capacity,
        enrolmentDeadline: courseSessions.enrolmentDeadline,
        sessionCostCents: courseSessions.sessionCostCents,
        position:
          sql<number>`row_number() over (partition by ${courseSessions.courseId} order by ${courseSessions.startsAt}, ${courseSessions.id})`.as(
            "position",
          ),
      })
      .from(courseSessions)
      .where(and(inArray(courseSessions.courseId, courseIds), upcomingPlanned(now, filters))),
  );
  const rows = db.with(ranked).select().from(ranked).where(eq(ranked.position, 1)).all();
  const confirmed = takenSeatCounts(
    db,
    rows.map((row) => row.id),
  );
  for (const { courseId, position: _position, ...session } of rows) {
    result.set(courseId, {
      ...session,
      seatsLeft: seatsLeft(session.capacity, confirmed.get(session.id) ?? 0),
    });
  }
  return result;
}

const dutchOrder = new Intl.Collator("nl", { sensitivity: "base", numeric: true });

/**
 * The catalogue list: courses matching every given filter, soonest next session first, courses
 * without one after them (alphabetically). A handful of queries, whatever the number of courses.
 */
export function listCatalogue(
  db: Db,
  filters: CatalogueFilters,
  now: Date,
  options: { includeUnpublished: boolean },
): CatalogueEntry[] {
  const period = { startsFrom: filters.startsFrom, startsBefore: filters.startsBefore };
  const q = filters.q?.trim();
  const conditions: (SQL | undefined)[] = [
    options.includeUnpublished ? undefined : eq(courses.published, true),
    filters.kind ? eq(courses.kind, filters.kind) : undefined,
    filters.ogwRole
      ? exists(
          db
            .select({ one: sql`1` })
            .from(courseTargetRoles)
            .where(
              and(
                eq(courseTargetRoles.courseId, courses.id),
                eq(courseTargetRoles.ogwRole, filters.ogwRole),
              ),
            ),
        )
      : undefined,
    filters.learningGoal
      ? exists(
          db
            .select({ one: sql`1` })
            .from(courseLearningGoals)
            .innerJoin(learningGoals, eq(learningGoals.id, courseLearningGoals.learningGoalId))
            .where(
              and(
                eq(courseLearningGoals.courseId, courses.id),
                eq(learningGoals.slug, filters.learningGoal),
              ),
            ),
        )
      : undefined,
    filters.startsFrom || filters.startsBefore
      ? exists(
          db
            .select({ one: sql`1` })
            .from(courseSessions)
            .where(and(eq(courseSessions.courseId, courses.id), upcomingPlanned(now, period))),
        )
      : undefined,
    q
      ? or(
          containsText(courses.title, q),
          containsText(courses.summary, q),
          containsText(courses.provider, q),
        )
      : undefined,
  ];

  const rows = db
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      kind: courses.kind,
      summary: courses.summary,
      provider: courses.provider,
      published: courses.published,
      costPerParticipantCents: courses.costPerParticipantCents,
    })
    .from(courses)
    .where(and(...conditions))
    .all();

  const ids = rows.map((row) => row.id);
  const roles = rolesByCourse(db, ids);
  const goals = goalsByCourse(db, ids);
  const next = nextSessionByCourse(db, ids, now, period);

  return rows
    .map((row) => ({
      ...row,
      targetRoles: roles.get(row.id) ?? [],
      learningGoals: goals.get(row.id) ?? [],
      nextSession: next.get(row.id) ?? null,
    }))
    .sort((a, b) => {
      if (a.nextSession && b.nextSession && a.nextSession.startsAt !== b.nextSession.startsAt) {
        return a.nextSession.startsAt < b.nextSession.startsAt ? -1 : 1;
      }
      if (a.nextSession && !b.nextSession) return -1;
      if (!a.nextSession && b.nextSession) return 1;
      return dutchOrder.compare(a.title, b.title);
    });
}

export type Course = typeof courses.$inferSelect;
export type CourseSession = typeof courseSessions.$inferSelect;

export type SessionWithSeats = UpcomingSession & {
  status: SessionStatus;
  cancelReason: string | null;
};

export type CourseDetail = Course & {
  targetRoles: OgwRole[];
  learningGoals: (LearningGoalRef & { description: string })[];
  /** Every session, past, cancelled and held ones included, in start order. */
  sessions: SessionWithSeats[];
};

/** A course with its roles, goals and all its sessions; undefined when missing or not visible. */
export function getCourseBySlug(
  db: Db,
  slug: string,
  options: { includeUnpublished: boolean },
): CourseDetail | undefined {
  const course = db.select().from(courses).where(eq(courses.slug, slug)).get();
  if (!course || (!course.published && !options.includeUnpublished)) return undefined;

  const targetRoles = db
    .select({ ogwRole: courseTargetRoles.ogwRole })
    .from(courseTargetRoles)
    .where(eq(courseTargetRoles.courseId, course.id))
    .all()
    .map((row) => row.ogwRole);
  const goals = db
    .select({
      slug: learningGoals.slug,
      title: learningGoals.title,
      description: learningGoals.description,
    })
    .from(courseLearningGoals)
    .innerJoin(learningGoals, eq(learningGoals.id, courseLearningGoals.learningGoalId))
    .where(eq(courseLearningGoals.courseId, course.id))
    .orderBy(asc(learningGoals.sortOrder), asc(learningGoals.title))
    .all();
  const sessionRows = db
    .select({
      id: courseSessions.id,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      location: courseSessions.location,
      onlineUrl: courseSessions.onlineUrl,
      capacity: courseSessions.capacity,
      enrolmentDeadline: courseSessions.enrolmentDeadline,
      sessionCostCents: courseSessions.sessionCostCents,
      status: courseSessions.status,
      cancelReason: courseSessions.cancelReason,
    })
    .from(courseSessions)
    .where(eq(courseSessions.courseId, course.id))
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id))
    .all();
  const confirmed = takenSeatCounts(
    db,
    sessionRows.map((row) => row.id),
  );
  const sessions = sessionRows.map((row) => ({
    ...row,
    seatsLeft: seatsLeft(row.capacity, confirmed.get(row.id) ?? 0),
  }));
  return { ...course, targetRoles, learningGoals: goals, sessions };
}

export type SessionWithCourse = { session: CourseSession; course: Course };

export function getSessionWithCourse(db: Db, id: number): SessionWithCourse | undefined {
  return preparedFor(db, "getSessionWithCourse", (db) =>
    db
      .select({ session: courseSessions, course: courses })
      .from(courseSessions)
      .innerJoin(courses, eq(courses.id, courseSessions.courseId))
      .where(eq(courseSessions.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

export type LearningGoal = typeof learningGoals.$inferSelect;

export function listLearningGoals(db: Db): LearningGoal[] {
  return db
    .select()
    .from(learningGoals)
    .orderBy(asc(learningGoals.sortOrder), asc(learningGoals.title))
    .all();
}

export type UpcomingSessionWithCourse = {
  id: number;
  startsAt: string;
  endsAt: string;
  courseSlug: string;
  courseTitle: string;
  courseKind: CourseKind;
};

/** The next planned sessions of published courses, soonest first (for the dashboard). */
export function listUpcomingSessions(db: Db, now: Date, limit = 3): UpcomingSessionWithCourse[] {
  return db
    .select({
      id: courseSessions.id,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      courseKind: courses.kind,
    })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(and(eq(courses.published, true), upcomingPlanned(now, {})))
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id))
    .limit(limit)
    .all();
}
