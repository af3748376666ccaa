// The half-yearly evaluation for CMT and college: activities, participation, waitlist pressure,
// spend and the learning goals of one half-year beside the half-year before. Pure: plain rows in,
// plain figures out. Every figure depends only on the dates in the rows, never on the clock, so a
// report for a finished half-year stays the same however many later rows the page passes in.
import type {
  AttendanceStatus,
  CourseKind,
  EnrolmentStatus,
  ExpenseKind,
  LedgerEntryType,
  SessionStatus,
} from "#db/schema.ts";
import { expenseKindLabels } from "#app/domain/budget.ts";
import { courseKindLabels } from "#app/domain/catalogue-admin.ts";
import { halfYearRange, previousHalfYear, type HalfYear } from "#app/domain/half-year.ts";
import { ogwRoleLabels, ogwRoles, type OgwRole } from "#app/domain/roles.ts";

// ---- Input rows ----

export type EvaluationSession = {
  id: number;
  courseId: number;
  courseTitle: string;
  kind: CourseKind;
  /** ISO-8601 UTC; the session belongs to the half-year in which it starts. */
  startsAt: string;
  status: SessionStatus;
  capacity: number;
  durationHours: number;
  /** The learning goals of the session's course. */
  learningGoalIds: readonly number[];
};

export type EvaluationEnrolment = {
  id: number;
  sessionId: number;
  memberId: number;
  /** As kept on the enrolment when it was made. */
  ogwRole: OgwRole;
  departmentId: number | null;
  status: EnrolmentStatus;
  attendance: AttendanceStatus | null;
  /** The status the enrolment got when it was made. */
  initialStatus: "confirmed" | "waitlisted" | "requested";
  promotedAt: string | null;
};

export type EvaluationFeedback = {
  enrolmentId: number;
  rating: 1 | 2 | 3 | 4 | 5;
  learningGoalIds: readonly number[];
  comment: string | null;
  /** ISO-8601 UTC; feedback belongs to the half-year in which it was given. */
  givenAt: string;
};

export type EvaluationLedgerEntry = {
  /** ISO-8601 UTC. */
  at: string;
  type: LedgerEntryType;
  amountCents: number;
  /** null for entries without an expense (allocations); counted as "other". */
  expenseKind: ExpenseKind | null;
};

export type EvaluationLearningGoal = { id: number; title: string };

export type EvaluationDepartment = { id: number; code: string; name: string };

export type ReportInput = {
  sessions: readonly EvaluationSession[];
  enrolments: readonly EvaluationEnrolment[];
  feedback: readonly EvaluationFeedback[];
  ledger: readonly EvaluationLedgerEntry[];
  /** Listed in the report in this order. */
  learningGoals: readonly EvaluationLearningGoal[];
  /** Listed in the report in this order, followed by "Onbekend". */
  departments: readonly EvaluationDepartment[];
};

// ---- Output ----

/** A share with its parts kept, so the page can say "3 van 12"; value null when nothing to divide by. */
export type Ratio = { numerator: number; denominator: number; value: number | null };

/** A mean with its parts kept; value null when there is nothing to average. */
export type Average = { sum: number; count: number; value: number | null };

export type KindCount = { kind: CourseKind; label: string; count: number };

/**
 * Unique participants are counted once per row; a member whose enrolments kept different roles or
 * departments counts in each of those rows, so the rows may add up to more than the total.
 */
export type RoleParticipation = {
  role: OgwRole;
  label: string;
  participations: number;
  uniqueParticipants: number;
};

export type DepartmentParticipation = {
  /** null for "Onbekend": no department kept on the enrolment, or one not in the input. */
  departmentId: number | null;
  code: string | null;
  name: string;
  participations: number;
  uniqueParticipants: number;
};

export type KindSpend = {
  kind: ExpenseKind;
  label: string;
  committedCents: number;
  actualCents: number;
};

export type LearningGoalFigures = {
  id: number;
  title: string;
  /** Held or planned sessions in the half-year whose course has the goal. */
  sessionsOffered: number;
  /** Members who attended such a session, each counted once. */
  participants: number;
  /** Ratings given in the half-year on sessions whose course has the goal. */
  rating: Average;
  /** Feedback given in the half-year that names the goal as worked on. */
  namedInFeedback: number;
};

export type EvaluationComment = {
  courseTitle: string;
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string;
  givenAt: string;
};

export type EvaluationFigures = {
  /** The range as ISO-8601 UTC instants, start inclusive, end exclusive. */
  start: string;
  end: string;
  activities: {
    held: number;
    /** Every course kind, in catalogue order, 0 when none. */
    heldByKind: KindCount[];
    cancelled: number;
  };
  participation: {
    /** Attendances at held sessions. */
    participations: number;
    uniqueParticipants: number;
    /** Every OGW role, in the order of `ogwRoles`. */
    byRole: RoleParticipation[];
    /** Every department in input order, then "Onbekend" (always present, 0 when none). */
    byDepartment: DepartmentParticipation[];
    /** The sessions' duration summed over attendances (rounded to 0.01 hour). */
    trainingHours: number;
  };
  /** No-shows out of registered attendance (attended + no-show) at held sessions. */
  noShowRate: Ratio;
  waitlist: {
    /** Sessions (not cancelled) where someone was put on the waitlist on enrolling. */
    fullSessions: number;
    /** Enrolments that were put on the waitlist on enrolling, in those sessions. */
    peopleWaitlisted: number;
    /** Of those: never promoted, still waiting or cancelled while waiting. */
    leftWaiting: number;
  };
  spend: {
    /** Net change of commitments in the half-year (commitments − releases); may be negative. */
    committedCents: number;
    /** Paid in the half-year (actuals + corrections). */
    actualCents: number;
    /** Every expense kind, in the order of `expenseKinds`. */
    byKind: KindSpend[];
    /** All allocations up to the end of the half-year: the budget as it stood then. */
    budgetCents: number;
    /** actualCents out of budgetCents; value null when there is no budget. */
    actualShareOfBudget: Ratio;
  };
  /** Every learning goal, in input order. */
  learningGoals: LearningGoalFigures[];
  rating: Average;
  feedbackCount: number;
  /** Non-empty comments by the time they were given; never who gave them. */
  comments: EvaluationComment[];
};

export type EvaluationReport = {
  halfYear: HalfYear;
  previousHalfYear: HalfYear;
  current: EvaluationFigures;
  previous: EvaluationFigures;
};

export type FigureComparison = {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is unknown. */
  difference: number | null;
};

// ---- Arithmetic ----

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

export function average(values: readonly number[]): Average {
  const sum = values.reduce((total, value) => total + value, 0);
  return { sum, count: values.length, value: values.length > 0 ? sum / values.length : null };
}

export function compareFigure(current: number | null, previous: number | null): FigureComparison {
  return {
    current,
    previous,
    difference: current === null || previous === null ? null : current - previous,
  };
}

const courseKindOrder = Object.keys(courseKindLabels) as CourseKind[];
const expenseKindOrder = Object.keys(expenseKindLabels) as ExpenseKind[];

// Compared as instants rather than as strings, so "…Z" and "…+02:00" sort the same way.
function inRange(iso: string, range: { start: Date; end: Date }): boolean {
  const ms = Date.parse(iso);
  return ms >= range.start.getTime() && ms < range.end.getTime();
}

// The schema only allows attendance on confirmed enrolments; checking the status as well keeps a
// rejected, cancelled or waitlisted row from ever counting, whatever the rows say.
function isParticipation(enrolment: EvaluationEnrolment): boolean {
  return enrolment.status === "confirmed" && enrolment.attendance === "attended";
}

function isNoShow(enrolment: EvaluationEnrolment): boolean {
  return enrolment.status === "confirmed" && enrolment.attendance === "no_show";
}

function countUnique<T>(items: readonly T[], keyOf: (item: T) => number): number {
  return new Set(items.map(keyOf)).size;
}

// ---- Figures ----

/** The figures for the range [start, end): one function for every half-year, so they compare. */
export function figuresFor(
  input: ReportInput,
  range: { start: Date; end: Date },
): EvaluationFigures {
  const sessionsById = new Map(input.sessions.map((session) => [session.id, session]));
  const enrolmentsById = new Map(input.enrolments.map((enrolment) => [enrolment.id, enrolment]));

  const sessionsInRange = input.sessions.filter((session) => inRange(session.startsAt, range));
  const heldSessions = sessionsInRange.filter((session) => session.status === "held");
  const heldIds = new Set(heldSessions.map((session) => session.id));
  const enrolmentsAtHeld = input.enrolments.filter((enrolment) => heldIds.has(enrolment.sessionId));
  const participations = enrolmentsAtHeld.filter(isParticipation);

  // ---- Activities ----
  const heldByKind = courseKindOrder.map((kind) => ({
    kind,
    label: courseKindLabels[kind],
    count: heldSessions.filter((session) => session.kind === kind).length,
  }));

  // ---- Participation ----
  const byRole = ogwRoles.map((role) => {
    const rows = participations.filter((enrolment) => enrolment.ogwRole === role);
    return {
      role,
      label: ogwRoleLabels[role],
      participations: rows.length,
      uniqueParticipants: countUnique(rows, (enrolment) => enrolment.memberId),
    };
  });
  const knownDepartments = new Set(input.departments.map((department) => department.id));
  const departmentOf = (enrolment: EvaluationEnrolment) =>
    enrolment.departmentId !== null && knownDepartments.has(enrolment.departmentId)
      ? enrolment.departmentId
      : null;
  const departmentRow = (
    departmentId: number | null,
    code: string | null,
    name: string,
  ): DepartmentParticipation => {
    const rows = participations.filter((enrolment) => departmentOf(enrolment) === departmentId);
    return {
      departmentId,
      code,
      name,
      participations: rows.length,
      uniqueParticipants: countUnique(rows, (enrolment) => enrolment.memberId),
    };
  };
  const byDepartment = [
    ...input.departments.map((department) =>
      departmentRow(department.id, department.code, department.name),
    ),
    departmentRow(null, null, "Onbekend"),
  ];
  const trainingHours = participations.reduce(
    (sum, enrolment) => sum + (sessionsById.get(enrolment.sessionId)?.durationHours ?? 0),
    0,
  );

  // ---- No-shows ----
  const noShows = enrolmentsAtHeld.filter(isNoShow).length;

  // ---- Waitlist ----
  const openIds = new Set(
    sessionsInRange.filter((session) => session.status !== "cancelled").map((s) => s.id),
  );
  const waitlisted = input.enrolments.filter(
    (enrolment) => openIds.has(enrolment.sessionId) && enrolment.initialStatus === "waitlisted",
  );
  const leftWaiting = waitlisted.filter(
    (enrolment) =>
      enrolment.promotedAt === null &&
      (enrolment.status === "waitlisted" || enrolment.status === "cancelled"),
  );

  // ---- Spend ----
  const ledgerInRange = input.ledger.filter((entry) => inRange(entry.at, range));
  const spendOf = (entries: readonly EvaluationLedgerEntry[]) => {
    let committedCents = 0;
    let actualCents = 0;
    for (const entry of entries) {
      if (entry.type === "commitment") committedCents += entry.amountCents;
      if (entry.type === "release") committedCents -= entry.amountCents;
      if (entry.type === "actual" || entry.type === "correction") actualCents += entry.amountCents;
    }
    return { committedCents, actualCents };
  };
  const byKind = expenseKindOrder.map((kind) => ({
    kind,
    label: expenseKindLabels[kind],
    ...spendOf(ledgerInRange.filter((entry) => (entry.expenseKind ?? "other") === kind)),
  }));
  const spent = spendOf(ledgerInRange);
  const budgetCents = input.ledger
    .filter((entry) => entry.type === "allocation" && Date.parse(entry.at) < range.end.getTime())
    .reduce((sum, entry) => sum + entry.amountCents, 0);

  // ---- Feedback and learning goals ----
  const feedbackInRange = input.feedback.filter((row) => inRange(row.givenAt, range));
  const sessionOfFeedback = (row: EvaluationFeedback) => {
    const enrolment = enrolmentsById.get(row.enrolmentId);
    return enrolment ? sessionsById.get(enrolment.sessionId) : undefined;
  };

  const learningGoals = input.learningGoals.map((goal) => {
    const offered = sessionsInRange.filter(
      (session) => session.status !== "cancelled" && session.learningGoalIds.includes(goal.id),
    );
    const offeredIds = new Set(offered.map((session) => session.id));
    const goalParticipations = participations.filter((enrolment) =>
      offeredIds.has(enrolment.sessionId),
    );
    const ratings = feedbackInRange
      .filter((row) => sessionOfFeedback(row)?.learningGoalIds.includes(goal.id) ?? false)
      .map((row) => row.rating);
    return {
      id: goal.id,
      title: goal.title,
      sessionsOffered: offered.length,
      participants: countUnique(goalParticipations, (enrolment) => enrolment.memberId),
      rating: average(ratings),
      namedInFeedback: feedbackInRange.filter((row) => row.learningGoalIds.includes(goal.id))
        .length,
    };
  });

  const comments = feedbackInRange
    .filter((row) => row.comment !== null && row.comment.trim() !== "")
    .map((row) => ({
      courseTitle: sessionOfFeedback(row)?.courseTitle ?? "Onbekende activiteit",
      rating: row.rating,
      comment: row.comment!.trim(),
      givenAt: row.givenAt,
    }))
    .sort((a, b) => Date.parse(a.givenAt) - Date.parse(b.givenAt));

  return {
    start: range.start.toISOString(),
    end: range.end.toISOString(),
    activities: {
      held: heldSessions.length,
      heldByKind,
      cancelled: sessionsInRange.filter((session) => session.status === "cancelled").length,
    },
    participation: {
      participations: participations.length,
      uniqueParticipants: countUnique(participations, (enrolment) => enrolment.memberId),
      byRole,
      byDepartment,
      // Durations may be fractional (1.5 hours); rounding keeps float noise off the page.
      trainingHours: Math.round(trainingHours * 100) / 100,
    },
    noShowRate: ratio(noShows, participations.length + noShows),
    waitlist: {
      fullSessions: countUnique(waitlisted, (enrolment) => enrolment.sessionId),
      peopleWaitlisted: waitlisted.length,
      leftWaiting: leftWaiting.length,
    },
    spend: {
      committedCents: spent.committedCents,
      actualCents: spent.actualCents,
      byKind,
      budgetCents,
      actualShareOfBudget: ratio(spent.actualCents, budgetCents),
    },
    learningGoals,
    rating: average(feedbackInRange.map((row) => row.rating)),
    feedbackCount: feedbackInRange.length,
    comments,
  };
}

/** The evaluation of a half-year beside the one before it, computed the same way. */
export function buildEvaluationReport(input: ReportInput, halfYear: HalfYear): EvaluationReport {
  const previous = previousHalfYear(halfYear);
  return {
    halfYear,
    previousHalfYear: previous,
    current: figuresFor(input, halfYearRange(halfYear)),
    previous: figuresFor(input, halfYearRange(previous)),
  };
}
