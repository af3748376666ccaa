// The rows the half-yearly evaluation is computed from: everything dated before the end of the
// half-year, in eight queries inside one read transaction (one consistent snapshot, no N+1).
// Rows dated after the end never reach the domain, so a finished half-year's report cannot move.
// The rows, and what is built from them, are cached per end until any table they come from
// changes (report_generation, 0010).
import { asc, eq, inArray, lt, or } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import {
  courseLearningGoals,
  courses,
  courseSessions,
  departments,
  enrolments,
  expenses,
  feedback,
  feedbackLearningGoals,
  learningGoals,
  ledgerEntries,
  reportGeneration,
} from "#db/schema.ts";
import type {
  EvaluationEnrolment,
  EvaluationFeedback,
  ReportInput,
} from "#app/domain/evaluation-report.ts";

function groupIds(rows: readonly { key: number; id: number }[]): Map<number, number[]> {
  const grouped = new Map<number, number[]>();
  for (const row of rows) {
    const list = grouped.get(row.key);
    if (list) list.push(row.id);
    else grouped.set(row.key, [row.id]);
  }
  return grouped;
}

/**
 * The report input for every half-year that ends on or before `end` (an instant, exclusive):
 * sessions starting before it with their enrolments and their courses' learning goals, feedback
 * given before it with the goals it names, ledger entries booked before it with their expense's
 * kind, every learning goal, and the departments that existed then or that an enrolment refers to.
 */
export function loadReportInput(db: Db, end: Date): ReportInput {
  return cachedEntry(db, end).input;
}

/**
 * What `build` makes of the report input for `end`, kept beside those rows under `key` until the
 * generation moves: a repeat request costs the generation lookup. `build` must depend on nothing
 * but the input and what `key` names (never the clock), and nobody may change what it returns.
 */
export function derivedFromReportInput<T>(
  db: Db,
  end: Date,
  key: string,
  build: (input: ReportInput) => T,
): T {
  const { derived, input } = cachedEntry(db, end);
  if (derived.has(key)) return derived.get(key) as T;
  const value = build(input);
  derived.set(key, value);
  return value;
}

function cachedEntry(db: Db, end: Date): CachedInput {
  // Timestamps are stored as ISO-8601 UTC strings ("…Z"), which sort as the instants they are.
  const endIso = end.toISOString();
  return db.transaction(
    (tx) => {
      // Read in the same snapshot as the rows: a change committed after it moves the generation.
      const generation =
        tx
          .select({ generation: reportGeneration.generation })
          .from(reportGeneration)
          .where(eq(reportGeneration.id, 1))
          .get()?.generation ?? null;
      const cache = cacheFor(db);
      const cached = cache.get(endIso);
      if (generation !== null && cached?.generation === generation) return cached;
      const entry: CachedInput = {
        generation: generation ?? -1,
        input: readReportInput(tx, endIso),
        derived: new Map(),
      };
      if (generation !== null) {
        cache.delete(endIso);
        cache.set(endIso, entry);
        if (cache.size > CACHED_ENDS) cache.delete(cache.keys().next().value!);
      }
      return entry;
    },
    { behavior: "deferred" },
  );
}

// A few half-years at a time: the current one, the one before and whatever was looked up last.
const CACHED_ENDS = 4;
// The rows of one generation and what was built from them (derivedFromReportInput), which go
// together: a new generation replaces both.
type CachedInput = { generation: number; input: ReportInput; derived: Map<string, unknown> };
// Per connection (drizzle's session object), so another database file never sees these rows.
const caches = new WeakMap<object, Map<string, CachedInput>>();

function cacheFor(db: Db): Map<string, CachedInput> {
  const session = (db as unknown as { session: object }).session;
  let cache = caches.get(session);
  if (!cache) {
    cache = new Map();
    caches.set(session, cache);
  }
  return cache;
}

/** The rows themselves; shared with every caller while cached, so nobody may change them. */
function readReportInput(tx: Db, endIso: string): ReportInput {
  const sessionsBeforeEnd = lt(courseSessions.startsAt, endIso);

  const sessionRows = tx
    .select({
      id: courseSessions.id,
      courseId: courseSessions.courseId,
      courseTitle: courses.title,
      kind: courses.kind,
      startsAt: courseSessions.startsAt,
      status: courseSessions.status,
      capacity: courseSessions.capacity,
      durationHours: courses.durationHours,
    })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(sessionsBeforeEnd)
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id))
    .all();

  const goalsByCourse = groupIds(
    tx
      .select({ key: courseLearningGoals.courseId, id: courseLearningGoals.learningGoalId })
      .from(courseLearningGoals)
      .where(
        inArray(
          courseLearningGoals.courseId,
          tx
            .select({ courseId: courseSessions.courseId })
            .from(courseSessions)
            .where(sessionsBeforeEnd),
        ),
      )
      .orderBy(asc(courseLearningGoals.courseId), asc(courseLearningGoals.learningGoalId))
      .all(),
  );

  const enrolmentRows: EvaluationEnrolment[] = tx
    .select({
      id: enrolments.id,
      sessionId: enrolments.sessionId,
      memberId: enrolments.memberId,
      ogwRole: enrolments.ogwRole,
      departmentId: enrolments.departmentId,
      status: enrolments.status,
      attendance: enrolments.attendance,
      initialStatus: enrolments.initialStatus,
      promotedAt: enrolments.promotedAt,
    })
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .where(sessionsBeforeEnd)
    .orderBy(asc(enrolments.id))
    .all();

  const feedbackBeforeEnd = lt(feedback.givenAt, endIso);
  const goalsByFeedback = groupIds(
    tx
      .select({
        key: feedbackLearningGoals.feedbackId,
        id: feedbackLearningGoals.learningGoalId,
      })
      .from(feedbackLearningGoals)
      .innerJoin(feedback, eq(feedback.id, feedbackLearningGoals.feedbackId))
      .where(feedbackBeforeEnd)
      .orderBy(asc(feedbackLearningGoals.feedbackId), asc(feedbackLearningGoals.learningGoalId))
      .all(),
  );
  const feedbackRows: EvaluationFeedback[] = tx
    .select({
      id: feedback.id,
      enrolmentId: feedback.enrolmentId,
      rating: feedback.rating,
      comment: feedback.comment,
      givenAt: feedback.givenAt,
    })
    .from(feedback)
    .where(feedbackBeforeEnd)
    .orderBy(asc(feedback.givenAt), asc(feedback.id))
    .all()
    .map((row) => ({
      enrolmentId: row.enrolmentId,
      // The table's check constraint keeps the rating between 1 and 5.
      rating: row.rating as EvaluationFeedback["rating"],
      comment: row.comment,
      givenAt: row.givenAt,
      learningGoalIds: goalsByFeedback.get(row.id) ?? [],
    }));

  const ledger = tx
    .select({
      at: ledgerEntries.at,
      type: ledgerEntries.type,
      amountCents: ledgerEntries.amountCents,
      expenseKind: expenses.kind,
    })
    .from(ledgerEntries)
    .leftJoin(expenses, eq(expenses.id, ledgerEntries.expenseId))
    .where(lt(ledgerEntries.at, endIso))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id))
    .all();

  const goals = tx
    .select({ id: learningGoals.id, title: learningGoals.title })
    .from(learningGoals)
    .orderBy(asc(learningGoals.sortOrder), asc(learningGoals.title))
    .all();

  // A department set up later would add a row of zeros to an old report; one that an
  // enrolment of the time refers to belongs in it whenever it was entered.
  const departmentRows = tx
    .select({ id: departments.id, code: departments.code, name: departments.name })
    .from(departments)
    .where(
      or(
        lt(departments.createdAt, endIso),
        inArray(
          departments.id,
          tx
            .select({ id: enrolments.departmentId })
            .from(enrolments)
            .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
            .where(sessionsBeforeEnd),
        ),
      ),
    )
    .orderBy(asc(departments.code))
    .all();

  return {
    sessions: sessionRows.map((session) => ({
      ...session,
      learningGoalIds: goalsByCourse.get(session.courseId) ?? [],
    })),
    enrolments: enrolmentRows,
    feedback: feedbackRows,
    ledger,
    learningGoals: goals,
    departments: departmentRows,
  };
}
