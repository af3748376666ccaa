// Queries for the session reminder: who is due one, and marking it sent. When one is due is
// decided in app/domain/reminders.ts.
import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { courses, courseSessions, enrolments, users } from "#db/schema.ts";

/**
 * From midnight the day before to the end of the session's day is at most 48 hours, except across
 * the autumn clock change (49); such a late-evening session gets its reminder up to an hour later.
 */
export const REMINDER_LOOKAHEAD_MS = 48 * 60 * 60 * 1000;

const candidateColumns = {
  enrolmentId: enrolments.id,
  memberId: users.id,
  memberName: users.name,
  memberEmail: users.email,
  courseSlug: courses.slug,
  courseTitle: courses.title,
  courseSummary: courses.summary,
  session: {
    id: courseSessions.id,
    startsAt: courseSessions.startsAt,
    endsAt: courseSessions.endsAt,
    location: courseSessions.location,
    onlineUrl: courseSessions.onlineUrl,
    status: courseSessions.status,
    cancelReason: courseSessions.cancelReason,
    updatedAt: courseSessions.updatedAt,
  },
};

function candidateQuery(db: Db) {
  return db
    .select(candidateColumns)
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(users, eq(users.id, enrolments.memberId));
}

const stillWaitingForReminder = and(
  eq(enrolments.status, "confirmed"),
  isNull(enrolments.reminderSentAt),
  eq(courseSessions.status, "planned"),
  eq(users.status, "active"),
);

export type ReminderCandidate = ReturnType<typeof listReminderCandidates>[number];

/**
 * Confirmed enrolments of active members without a reminder yet, for planned sessions that start
 * after `now` and within the lookahead; soonest first.
 */
export function listReminderCandidates(db: Db, now: Date, lookaheadMs = REMINDER_LOOKAHEAD_MS) {
  return candidateQuery(db)
    .where(
      and(
        stillWaitingForReminder,
        gt(courseSessions.startsAt, now.toISOString()),
        lte(courseSessions.startsAt, new Date(now.getTime() + lookaheadMs).toISOString()),
      ),
    )
    .orderBy(asc(courseSessions.startsAt), asc(enrolments.id))
    .all();
}

/** The same enrolment read again, inside the write transaction; undefined once it needs no reminder. */
export function findReminderCandidate(db: Db, enrolmentId: number): ReminderCandidate | undefined {
  return candidateQuery(db)
    .where(and(eq(enrolments.id, enrolmentId), stillWaitingForReminder))
    .get();
}

/** True when this call set it; false when the reminder was already marked sent. */
export function markReminderSent(db: Db, enrolmentId: number, now: Date): boolean {
  const at = now.toISOString();
  const result = db
    .update(enrolments)
    .set({ reminderSentAt: at, updatedAt: at })
    .where(and(eq(enrolments.id, enrolmentId), isNull(enrolments.reminderSentAt)))
    .run();
  return result.changes === 1;
}
