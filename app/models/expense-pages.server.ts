// Read queries for the expense pages (/uitgaven, /uitgaven/nieuw, /uitgaven/:id): the filtered
// overview a page at a time, the review queue, one expense with the names around it, its audit
// trail, and the courses and sessions an expense can point at. Writes go through app/utils/expenses.server.ts.
import { and, asc, count, desc, eq, gt, inArray, ne, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client.server.ts";
import {
  auditLog,
  courses,
  courseSessions,
  expenses,
  users,
  type ExpenseKind,
  type ExpenseStatus,
} from "#db/schema.ts";
import type { Expense } from "./budget.server.ts";

export type ExpenseOverviewFilter = {
  status?: ExpenseStatus;
  kind?: ExpenseKind;
  significant?: boolean;
};

// Only the columns the overview and the review queue show.
const overviewColumns = {
  id: expenses.id,
  requestedAt: expenses.requestedAt,
  description: expenses.description,
  supplier: expenses.supplier,
  kind: expenses.kind,
  amountCents: expenses.amountCents,
  status: expenses.status,
  significant: expenses.significant,
  collegeOutcome: expenses.collegeOutcome,
  collegeDecisionDate: expenses.collegeDecisionDate,
  collegeReference: expenses.collegeReference,
  requestedByName: users.name,
};

export type ExpenseOverviewRow = Pick<
  Expense,
  | "id"
  | "requestedAt"
  | "description"
  | "supplier"
  | "kind"
  | "amountCents"
  | "status"
  | "significant"
  | "collegeOutcome"
  | "collegeDecisionDate"
  | "collegeReference"
> & { requestedByName: string };

function overviewConditions(budgetId: number, filter: ExpenseOverviewFilter): SQL | undefined {
  const conditions: SQL[] = [eq(expenses.budgetId, budgetId)];
  if (filter.status) conditions.push(eq(expenses.status, filter.status));
  if (filter.kind) conditions.push(eq(expenses.kind, filter.kind));
  if (filter.significant !== undefined)
    conditions.push(eq(expenses.significant, filter.significant));
  return and(...conditions);
}

export type ExpenseOverviewPage = {
  total: number;
  /** The page shown: the one asked for, kept between 1 and the last page. */
  page: number;
  /** At least 1, also when nothing matches. */
  pageCount: number;
  rows: ExpenseOverviewRow[];
};

/**
 * One page of the expenses of a budget that match the filter, newest request first: a count and
 * a LIMIT/OFFSET query that walks expenses_budget_requested_at_idx (with a status filter:
 * expenses_budget_status_requested_at_idx) in order, so no page sorts the whole budget.
 */
export function listExpenseOverviewPage(
  db: Db,
  budgetId: number,
  filter: ExpenseOverviewFilter,
  paging: { page: number; pageSize: number },
): ExpenseOverviewPage {
  const where = overviewConditions(budgetId, filter);
  const total = db.select({ total: count() }).from(expenses).where(where).get()?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / paging.pageSize));
  const page = Math.min(Math.max(1, Math.trunc(paging.page) || 1), pageCount);
  const newestFirst = [desc(expenses.requestedAt), desc(expenses.id)];
  // The ids first, from the index alone when there is no filter; the skipped rows of a far page
  // are then never read or joined.
  const pageIds = db
    .select({ id: expenses.id })
    .from(expenses)
    .where(where)
    .orderBy(...newestFirst)
    .limit(paging.pageSize)
    .offset((page - 1) * paging.pageSize);
  const rows =
    total === 0
      ? []
      : db
          .select(overviewColumns)
          .from(expenses)
          .innerJoin(users, eq(users.id, expenses.requestedById))
          .where(inArray(expenses.id, pageIds))
          .orderBy(...newestFirst)
          .all();
  return { total, page, pageCount, rows };
}

/** Requests waiting for a decision that `viewerId` may take (not their own), oldest first. */
export function listAwaitingReview(
  db: Db,
  budgetId: number,
  viewerId: number,
): ExpenseOverviewRow[] {
  return db
    .select(overviewColumns)
    .from(expenses)
    .innerJoin(users, eq(users.id, expenses.requestedById))
    .where(
      and(
        eq(expenses.budgetId, budgetId),
        eq(expenses.status, "requested"),
        ne(expenses.requestedById, viewerId),
      ),
    )
    .orderBy(asc(expenses.requestedAt), asc(expenses.id))
    .all();
}

const decider = alias(users, "decider");
const collegeRecorder = alias(users, "college_recorder");

export type ExpenseDetail = Expense & {
  requestedByName: string;
  decidedByName: string | null;
  collegeRecordedByName: string | null;
  course: { id: number; slug: string; title: string } | null;
  session: { id: number; startsAt: string; endsAt: string; status: string } | null;
};

export function getExpenseDetail(db: Db, id: number): ExpenseDetail | undefined {
  const row = db
    .select({
      expense: expenses,
      requestedByName: users.name,
      decidedByName: decider.name,
      collegeRecordedByName: collegeRecorder.name,
      courseId: courses.id,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      sessionId: courseSessions.id,
      sessionStartsAt: courseSessions.startsAt,
      sessionEndsAt: courseSessions.endsAt,
      sessionStatus: courseSessions.status,
    })
    .from(expenses)
    .innerJoin(users, eq(users.id, expenses.requestedById))
    .leftJoin(decider, eq(decider.id, expenses.decidedById))
    .leftJoin(collegeRecorder, eq(collegeRecorder.id, expenses.collegeRecordedById))
    .leftJoin(courses, eq(courses.id, expenses.courseId))
    .leftJoin(courseSessions, eq(courseSessions.id, expenses.sessionId))
    .where(eq(expenses.id, id))
    .get();
  if (!row) return undefined;
  return {
    ...row.expense,
    requestedByName: row.requestedByName,
    decidedByName: row.decidedByName,
    collegeRecordedByName: row.collegeRecordedByName,
    course:
      row.courseId !== null && row.courseSlug !== null && row.courseTitle !== null
        ? { id: row.courseId, slug: row.courseSlug, title: row.courseTitle }
        : null,
    session:
      row.sessionId !== null &&
      row.sessionStartsAt !== null &&
      row.sessionEndsAt !== null &&
      row.sessionStatus !== null
        ? {
            id: row.sessionId,
            startsAt: row.sessionStartsAt,
            endsAt: row.sessionEndsAt,
            status: row.sessionStatus,
          }
        : null,
  };
}

/** The audit rows about one expense, with the actor's name, in the order they were written. */
export function listAuditForExpense(db: Db, expenseId: number) {
  return db
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.objectType, "expense"), eq(auditLog.objectId, String(expenseId))))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all();
}

export function listCourseOptions(db: Db) {
  return db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .orderBy(asc(courses.title), asc(courses.id))
    .all();
}

/** Planned sessions that have not started yet, grouped by course, with the course's title. */
export function listUpcomingSessionOptions(db: Db, now: Date) {
  return db
    .select({
      id: courseSessions.id,
      courseId: courseSessions.courseId,
      courseTitle: courses.title,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
    })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(
      and(eq(courseSessions.status, "planned"), gt(courseSessions.startsAt, now.toISOString())),
    )
    .orderBy(asc(courses.title), asc(courseSessions.startsAt), asc(courseSessions.id))
    .all();
}

export function findCourseRef(db: Db, id: number) {
  return db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(eq(courses.id, id))
    .get();
}

export function findSessionRef(db: Db, id: number) {
  return db
    .select({
      id: courseSessions.id,
      courseId: courseSessions.courseId,
      status: courseSessions.status,
      startsAt: courseSessions.startsAt,
    })
    .from(courseSessions)
    .where(eq(courseSessions.id, id))
    .get();
}
