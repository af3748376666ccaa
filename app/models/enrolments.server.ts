// Queries for enrolments: a session's seats and waitlist, a member's own enrolments and the
// participant list. What may change, and into what, is decided in app/domain/enrolment.ts.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import {
  courses,
  courseSessions,
  departments,
  enrolments,
  expenses,
  users,
  type AttendanceStatus,
  type CourseKind,
  type EnrolmentStatus,
  type ExpenseStatus,
  type SessionStatus,
  type CollegeDecisionOutcome,
} from "#db/schema.ts";
import { activeEnrolmentStatuses } from "#app/domain/enrolment.ts";
import { preparedFor } from "#app/models/prepared-queries.server.ts";
import type { OgwRole } from "#app/domain/roles.ts";

export type Enrolment = typeof enrolments.$inferSelect;
export type NewEnrolment = typeof enrolments.$inferInsert;

export function getEnrolment(db: Db, id: number): Enrolment | undefined {
  return db.select().from(enrolments).where(eq(enrolments.id, id)).get();
}

/** The member's confirmed, waitlisted or requested enrolment for the session, if any. */
export function activeEnrolmentFor(
  db: Db,
  sessionId: number,
  memberId: number,
): Enrolment | undefined {
  return preparedFor(db, "activeEnrolmentFor", (db) =>
    db
      .select()
      .from(enrolments)
      .where(
        and(
          eq(enrolments.sessionId, sql.placeholder("sessionId")),
          eq(enrolments.memberId, sql.placeholder("memberId")),
          inArray(enrolments.status, activeEnrolmentStatuses),
        ),
      )
      .prepare(),
  ).get({ sessionId, memberId });
}

/** The member's most recent enrolment for the session, whatever its status. */
export function latestEnrolmentFor(
  db: Db,
  sessionId: number,
  memberId: number,
): Enrolment | undefined {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.memberId, memberId)))
    .orderBy(desc(enrolments.id))
    .limit(1)
    .get();
}

export type SeatCounts = { confirmed: number; requested: number; waitlisted: number };

export function seatCounts(db: Db, sessionId: number): SeatCounts {
  const rows = preparedFor(db, "seatCounts", (db) =>
    db
      .select({ status: enrolments.status, total: count() })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.sessionId, sql.placeholder("sessionId")),
          inArray(enrolments.status, activeEnrolmentStatuses),
        ),
      )
      .groupBy(enrolments.status)
      .prepare(),
  ).all({ sessionId });
  const counts: SeatCounts = { confirmed: 0, requested: 0, waitlisted: 0 };
  for (const row of rows) {
    if (row.status === "confirmed" || row.status === "requested" || row.status === "waitlisted")
      counts[row.status] = row.total;
  }
  return counts;
}

/** The session's waitlist, first in line first (enrolment time, then id). */
export function listWaitlist(db: Db, sessionId: number): Enrolment[] {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.status, "waitlisted")))
    .orderBy(asc(enrolments.enrolledAt), asc(enrolments.id))
    .all();
}

/** Enrolments of the session in the given statuses, oldest first. */
export function listSessionEnrolments(
  db: Db,
  sessionId: number,
  statuses: readonly EnrolmentStatus[],
): Enrolment[] {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sessionId, sessionId), inArray(enrolments.status, [...statuses])))
    .orderBy(asc(enrolments.enrolledAt), asc(enrolments.id))
    .all();
}

export function insertEnrolment(db: Db, values: NewEnrolment): Enrolment {
  // One prepared statement per set of columns given: a rush inserts a thousand alike.
  const columns = (Object.keys(values) as (keyof NewEnrolment)[])
    .filter((column) => values[column] !== undefined)
    .sort();
  return preparedFor(db, `insertEnrolment:${columns.join(",")}`, (db) =>
    db
      .insert(enrolments)
      .values(
        Object.fromEntries(
          columns.map((column) => [column, sql.placeholder(column)]),
        ) as unknown as NewEnrolment,
      )
      .returning()
      .prepare(),
  ).get(values as Record<string, unknown>);
}

export function updateEnrolment(
  db: Db,
  id: number,
  changes: Partial<Omit<NewEnrolment, "id" | "sessionId" | "memberId">>,
  now: Date,
) {
  db.update(enrolments)
    .set({ ...changes, updatedAt: now.toISOString() })
    .where(eq(enrolments.id, id))
    .run();
}

/** The enrolment a paid expense belongs to, if it belongs to one. */
export function enrolmentForExpense(db: Db, expenseId: number): Enrolment | undefined {
  return db.select().from(enrolments).where(eq(enrolments.expenseId, expenseId)).get();
}

// A waitlisted row's place: 1 + the waitlisted rows of the same session that came before it.
const waitlistPositionSql = sql<number | null>`case when ${enrolments.status} = 'waitlisted' then (
  select count(*) + 1 from enrolments as earlier
  where earlier.session_id = ${enrolments.sessionId}
    and earlier.status = 'waitlisted'
    and (earlier.enrolled_at < ${enrolments.enrolledAt}
      or (earlier.enrolled_at = ${enrolments.enrolledAt} and earlier.id < ${enrolments.id}))
) end`;

export type ParticipantRow = {
  id: number;
  memberId: number;
  name: string;
  email: string;
  departmentCode: string | null;
  departmentName: string | null;
  ogwRole: OgwRole;
  status: EnrolmentStatus;
  enrolledAt: string;
  promotedAt: string | null;
  attendance: AttendanceStatus | null;
  decisionReason: string | null;
  cancelledAt: string | null;
  waitlistPosition: number | null;
  expenseId: number | null;
  expenseStatus: ExpenseStatus | null;
  expenseSignificant: boolean | null;
  collegeOutcome: CollegeDecisionOutcome | null;
};

const statusOrder = sql`case ${enrolments.status}
  when 'confirmed' then 0 when 'requested' then 1 when 'waitlisted' then 2
  when 'rejected' then 3 else 4 end`;

/**
 * Everyone who enrolled in the session: confirmed, requested, the waitlist in order, then rejected
 * and cancelled. The department and OGW role are those at enrolment time.
 */
export function listParticipants(db: Db, sessionId: number): ParticipantRow[] {
  return db
    .select({
      id: enrolments.id,
      memberId: enrolments.memberId,
      name: users.name,
      email: users.email,
      departmentCode: departments.code,
      departmentName: departments.name,
      ogwRole: enrolments.ogwRole,
      status: enrolments.status,
      enrolledAt: enrolments.enrolledAt,
      promotedAt: enrolments.promotedAt,
      attendance: enrolments.attendance,
      decisionReason: enrolments.decisionReason,
      cancelledAt: enrolments.cancelledAt,
      waitlistPosition: waitlistPositionSql,
      expenseId: enrolments.expenseId,
      expenseStatus: expenses.status,
      expenseSignificant: expenses.significant,
      collegeOutcome: expenses.collegeOutcome,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.memberId))
    .leftJoin(departments, eq(departments.id, enrolments.departmentId))
    .leftJoin(expenses, eq(expenses.id, enrolments.expenseId))
    .where(eq(enrolments.sessionId, sessionId))
    .orderBy(statusOrder, asc(enrolments.enrolledAt), asc(enrolments.id))
    .all();
}

export type MemberEnrolmentRow = {
  id: number;
  status: EnrolmentStatus;
  attendance: AttendanceStatus | null;
  enrolledAt: string;
  decisionReason: string | null;
  waitlistPosition: number | null;
  sessionId: number;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  sessionStatus: SessionStatus;
  cancelReason: string | null;
  courseSlug: string;
  courseTitle: string;
  courseKind: CourseKind;
  costPerParticipantCents: number;
};

/** All of a member's enrolments, the most recent session first. */
export function listMemberEnrolments(db: Db, memberId: number): MemberEnrolmentRow[] {
  return db
    .select({
      id: enrolments.id,
      status: enrolments.status,
      attendance: enrolments.attendance,
      enrolledAt: enrolments.enrolledAt,
      decisionReason: enrolments.decisionReason,
      waitlistPosition: waitlistPositionSql,
      sessionId: courseSessions.id,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      location: courseSessions.location,
      onlineUrl: courseSessions.onlineUrl,
      sessionStatus: courseSessions.status,
      cancelReason: courseSessions.cancelReason,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      courseKind: courses.kind,
      costPerParticipantCents: courses.costPerParticipantCents,
    })
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(enrolments.memberId, memberId))
    .orderBy(desc(courseSessions.startsAt), desc(enrolments.id))
    .all();
}
