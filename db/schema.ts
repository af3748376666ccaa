// The database schema. Timestamps are UTC ISO-8601 strings; money (later) is integer cents.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { appRoles, ogwRoles, userStatuses } from "../app/domain/roles.ts";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const departments = sqliteTable("departments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  createdAt: text("created_at").notNull().default(now),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    departmentId: integer("department_id").references(() => departments.id),
    ogwRole: text("ogw_role", { enum: ogwRoles }).notNull(),
    appRole: text("app_role", { enum: appRoles }).notNull().default("member"),
    status: text("status", { enum: userStatuses }).notNull().default("invited"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    deactivatedAt: text("deactivated_at"),
    // The member's own profile (name and e-mail come from the administrator).
    team: text("team"),
    introduction: text("introduction"),
    // Membership of the guild, calendar dates (YYYY-MM-DD); registered by a coordinator.
    guildJoinedOn: text("guild_joined_on"),
    guildLeftOn: text("guild_left_on"),
    // Set once, when an administrator anonymised the departed member.
    anonymisedAt: text("anonymised_at"),
  },
  (t) => [
    index("users_department_idx").on(t.departmentId),
    index("users_ogw_role_idx").on(t.ogwRole),
    // The same limits as app/domain/profile.ts, so no code path can store more.
    check("users_team_length", sql`${t.team} IS NULL OR length(${t.team}) <= 100`),
    check(
      "users_introduction_length",
      sql`${t.introduction} IS NULL OR length(${t.introduction}) <= 2000`,
    ),
    check(
      "users_guild_dates",
      sql`${t.guildLeftOn} IS NULL OR ${t.guildJoinedOn} IS NULL OR ${t.guildLeftOn} >= ${t.guildJoinedOn}`,
    ),
  ],
);

// A member's expertise as tags, e.g. "omgevingswet", "stakeholderanalyse".
export const memberExpertise = sqliteTable(
  "member_expertise",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tag] }),
    index("member_expertise_tag_idx").on(t.tag),
    check("member_expertise_tag_length", sql`length(${t.tag}) BETWEEN 2 AND 40`),
  ],
);

export const passwords = sqliteTable("passwords", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hash: text("hash").notNull(),
  updatedAt: text("updated_at").notNull().default(now),
});

export const loginSessions = sqliteTable(
  "login_sessions",
  {
    // SHA-256 (hex) of the token in the cookie; the token itself is never stored.
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    absoluteExpiresAt: text("absolute_expires_at").notNull(),
  },
  (t) => [index("login_sessions_user_idx").on(t.userId)],
);

export const oneTimeTokenPurposes = ["invitation", "password_reset"] as const;
export type OneTimeTokenPurpose = (typeof oneTimeTokenPurposes)[number];

export const oneTimeTokens = sqliteTable(
  "one_time_tokens",
  {
    // SHA-256 (hex) of the token in the link.
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: oneTimeTokenPurposes }).notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("one_time_tokens_user_idx").on(t.userId, t.purpose)],
);

export const auditResults = ["success", "failure", "denied"] as const;
export type AuditResult = (typeof auditResults)[number];

// Append-only: triggers in the migration refuse UPDATE and DELETE.
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    result: text("result", { enum: auditResults }).notNull(),
    origin: text("origin"),
    // JSON with before/after values or other context; never passwords or tokens.
    details: text("details"),
  },
  (t) => [
    index("audit_log_action_object_idx").on(t.action, t.objectId, t.at),
    index("audit_log_action_origin_idx").on(t.action, t.origin, t.at),
    index("audit_log_at_idx").on(t.at),
  ],
);

export const outboxStatuses = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    toUserId: integer("to_user_id").references(() => users.id),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    // JSON array of { filename, contentType, content } (for calendar invitations).
    attachments: text("attachments"),
    status: text("status", { enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull().default(now),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull().default(now),
    sentAt: text("sent_at"),
  },
  (t) => [index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

export const contentPages = sqliteTable(
  "content_pages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    body: text("body").notNull(),
    navOrder: integer("nav_order"),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("content_pages_slug_idx").on(t.slug)],
);

// ---- Catalogue -------------------------------------------------------------------------------

export const courseKinds = ["in_house", "knowledge_session", "individual"] as const;
export type CourseKind = (typeof courseKinds)[number];

export const sessionStatuses = ["planned", "cancelled", "held"] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export const learningGoals = sqliteTable("learning_goals", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  description: text("description").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const courses = sqliteTable(
  "courses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: courseKinds }).notNull(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    // Markdown; rendered with raw HTML escaped.
    body: text("body").notNull().default(""),
    provider: text("provider").notNull(),
    costPerParticipantCents: integer("cost_per_participant_cents").notNull().default(0),
    durationHours: real("duration_hours").notNull(),
    published: integer("published", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    index("courses_published_kind_idx").on(t.published, t.kind),
    check("courses_cost_not_negative", sql`${t.costPerParticipantCents} >= 0`),
    check("courses_duration_positive", sql`${t.durationHours} > 0`),
  ],
);

export const courseTargetRoles = sqliteTable(
  "course_target_roles",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    ogwRole: text("ogw_role", { enum: ogwRoles }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.ogwRole] }),
    index("course_target_roles_role_idx").on(t.ogwRole),
  ],
);

export const courseLearningGoals = sqliteTable(
  "course_learning_goals",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    learningGoalId: integer("learning_goal_id")
      .notNull()
      .references(() => learningGoals.id),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.learningGoalId] }),
    index("course_learning_goals_goal_idx").on(t.learningGoalId),
  ],
);

export const courseSessions = sqliteTable(
  "course_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    location: text("location"),
    onlineUrl: text("online_url"),
    capacity: integer("capacity").notNull(),
    enrolmentDeadline: text("enrolment_deadline").notNull(),
    // Trainer fee or room hire for the whole session, in cents.
    sessionCostCents: integer("session_cost_cents").notNull().default(0),
    status: text("status", { enum: sessionStatuses }).notNull().default("planned"),
    cancelReason: text("cancel_reason"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    index("course_sessions_course_start_idx").on(t.courseId, t.startsAt),
    index("course_sessions_start_idx").on(t.startsAt),
    // The same rules as app/domain/catalogue.ts, so no code path can store an impossible session.
    check("course_sessions_capacity_positive", sql`${t.capacity} >= 1`),
    check("course_sessions_cost_not_negative", sql`${t.sessionCostCents} >= 0`),
    check("course_sessions_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("course_sessions_deadline_before_start", sql`${t.enrolmentDeadline} <= ${t.startsAt}`),
    check(
      "course_sessions_cancel_reason",
      sql`${t.status} <> 'cancelled' OR (${t.cancelReason} IS NOT NULL AND length(trim(${t.cancelReason})) > 0)`,
    ),
  ],
);

// ---- Budget ----------------------------------------------------------------------------------

export const budgets = sqliteTable(
  "budgets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    fundingSource: text("funding_source").notNull(),
    // The college decision the budget comes from.
    decisionDate: text("decision_date").notNull(),
    decisionReference: text("decision_reference").notNull(),
    // Calendar dates (YYYY-MM-DD), inclusive.
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    significanceThresholdCents: integer("significance_threshold_cents").notNull().default(250_000),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    check("budgets_threshold_positive", sql`${t.significanceThresholdCents} > 0`),
    check("budgets_period", sql`${t.endDate} > ${t.startDate}`),
  ],
);

export const expenseKinds = ["in_house", "knowledge_session", "individual", "other"] as const;
export type ExpenseKind = (typeof expenseKinds)[number];

export const expenseStatuses = ["requested", "approved", "rejected", "paid", "cancelled"] as const;
export type ExpenseStatus = (typeof expenseStatuses)[number];

export const collegeDecisionOutcomes = ["approved", "rejected"] as const;
export type CollegeDecisionOutcome = (typeof collegeDecisionOutcomes)[number];

export const expenses = sqliteTable(
  "expenses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id),
    description: text("description").notNull(),
    supplier: text("supplier").notNull(),
    kind: text("kind", { enum: expenseKinds }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    courseId: integer("course_id").references(() => courses.id),
    sessionId: integer("session_id").references(() => courseSessions.id),
    requestedById: integer("requested_by_id")
      .notNull()
      .references(() => users.id),
    // Who the money is for, kept as it was at request time for the breakdowns.
    departmentId: integer("department_id").references(() => departments.id),
    ogwRole: text("ogw_role", { enum: ogwRoles }),
    status: text("status", { enum: expenseStatuses }).notNull().default("requested"),
    // Fixed when requested: at or above the budget's threshold at that moment.
    significant: integer("significant", { mode: "boolean" }).notNull().default(false),
    collegeOutcome: text("college_outcome", { enum: collegeDecisionOutcomes }),
    collegeDecisionDate: text("college_decision_date"),
    collegeReference: text("college_reference"),
    collegeRecordedById: integer("college_recorded_by_id").references(() => users.id),
    decidedById: integer("decided_by_id").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionReason: text("decision_reason"),
    paidAmountCents: integer("paid_amount_cents"),
    paidAt: text("paid_at"),
    requestedAt: text("requested_at").notNull(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    index("expenses_budget_status_idx").on(t.budgetId, t.status),
    index("expenses_requested_by_idx").on(t.requestedById),
    // The significant expenses the budget page lists, without reading the others.
    index("expenses_budget_significant_idx").on(t.budgetId, t.significant),
    // The /uitgaven list pages newest first; the rowid (id) breaks ties inside the index. The
    // second serves the review queue and the status filter in order, without a sort.
    index("expenses_budget_requested_at_idx").on(t.budgetId, t.requestedAt),
    index("expenses_budget_status_requested_at_idx").on(t.budgetId, t.status, t.requestedAt),
    check("expenses_amount_positive", sql`${t.amountCents} > 0`),
    check(
      "expenses_paid_not_negative",
      sql`${t.paidAmountCents} IS NULL OR ${t.paidAmountCents} >= 0`,
    ),
    // Four eyes, also for any code path that skips the domain rule.
    check(
      "expenses_four_eyes",
      sql`${t.decidedById} IS NULL OR ${t.decidedById} <> ${t.requestedById}`,
    ),
  ],
);

export const ledgerEntryTypes = [
  "allocation",
  "commitment",
  "release",
  "actual",
  "correction",
] as const;
export type LedgerEntryType = (typeof ledgerEntryTypes)[number];

// Append-only: triggers in the migration refuse UPDATE and DELETE. Balances are sums over it.
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id),
    expenseId: integer("expense_id").references(() => expenses.id),
    type: text("type", { enum: ledgerEntryTypes }).notNull(),
    // allocation: budget (signed); commitment/release: committed up/down (positive);
    // actual: paid (positive); correction: paid differs from committed (signed).
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull(),
    createdById: integer("created_by_id").references(() => users.id),
    at: text("at").notNull(),
  },
  (t) => [
    index("ledger_entries_budget_at_idx").on(t.budgetId, t.at),
    index("ledger_entries_expense_idx").on(t.expenseId),
    check(
      "ledger_entries_sign",
      sql`${t.type} IN ('allocation', 'correction') OR ${t.amountCents} > 0`,
    ),
  ],
);

// ---- Maintained budget aggregates (docs/decisions/010-maintained-budget-aggregates.md) --------
// Kept by SQLite triggers on ledger_entries and expenses (migration 0009), never written by the app,
// so the figures, the burn-down and the breakdowns are read without summing the whole ledger.

/** Per budget: the sum of every ledger entry per type. */
export const budgetLedgerTotals = sqliteTable("budget_ledger_totals", {
  budgetId: integer("budget_id")
    .primaryKey()
    .references(() => budgets.id),
  allocationCents: integer("allocation_cents").notNull().default(0),
  commitmentCents: integer("commitment_cents").notNull().default(0),
  releaseCents: integer("release_cents").notNull().default(0),
  actualCents: integer("actual_cents").notNull().default(0),
  correctionCents: integer("correction_cents").notNull().default(0),
});

/**
 * Per budget and time bucket: what the entries in it did to the available amount. A bucket is a UTC
 * day's hours 00-21, hour 22 or hour 23, written as the instant it starts: every instant in a bucket
 * falls on the same calendar day in Huizen (UTC+1 or +2, switching at 01:00 UTC).
 */
export const budgetLedgerBuckets = sqliteTable(
  "budget_ledger_buckets",
  {
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id),
    bucket: text("bucket").notNull(),
    availableDeltaCents: integer("available_delta_cents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.budgetId, t.bucket] })],
);

/**
 * Per budget, kind, department (0 = none), OGW role ('' = none) and status: how many expenses and
 * their amounts; `settled_cents` sums the paid amount, or the amount where nothing was paid.
 */
export const budgetExpenseGroups = sqliteTable(
  "budget_expense_groups",
  {
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id),
    kind: text("kind", { enum: expenseKinds }).notNull(),
    departmentId: integer("department_id").notNull(),
    ogwRole: text("ogw_role").notNull(),
    status: text("status", { enum: expenseStatuses }).notNull(),
    expenseCount: integer("expense_count").notNull().default(0),
    amountCents: integer("amount_cents").notNull().default(0),
    settledCents: integer("settled_cents").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.budgetId, t.kind, t.departmentId, t.ogwRole, t.status] })],
);

/**
 * One row whose generation goes up with every change to a table the half-year evaluation reads
 * (triggers of migration 0010): the report's rows are cached until it moves.
 */
export const reportGeneration = sqliteTable(
  "report_generation",
  {
    id: integer("id").primaryKey(),
    generation: integer("generation").notNull().default(0),
  },
  (t) => [check("report_generation_single_row", sql`${t.id} = 1`)],
);

// ---- Enrolment -------------------------------------------------------------------------------

export const enrolmentStatuses = [
  "confirmed",
  "waitlisted",
  "requested",
  "rejected",
  "cancelled",
] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export const attendanceStatuses = ["attended", "no_show"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const enrolments = sqliteTable(
  "enrolments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => courseSessions.id),
    memberId: integer("member_id")
      .notNull()
      .references(() => users.id),
    // As they were at enrolment time, for the participant list and the reports.
    ogwRole: text("ogw_role", { enum: ogwRoles }).notNull(),
    departmentId: integer("department_id").references(() => departments.id),
    status: text("status", { enum: enrolmentStatuses }).notNull(),
    // When the enrolment was accepted (inside its write transaction): the waitlist order.
    enrolledAt: text("enrolled_at").notNull(),
    promotedAt: text("promoted_at"),
    // A paid enrolment's approval or rejection.
    decidedById: integer("decided_by_id").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionReason: text("decision_reason"),
    cancelledAt: text("cancelled_at"),
    cancelledById: integer("cancelled_by_id").references(() => users.id),
    attendance: text("attendance", { enum: attendanceStatuses }),
    attendanceRegisteredAt: text("attendance_registered_at"),
    attendanceRegisteredById: integer("attendance_registered_by_id").references(() => users.id),
    // The cost per participant of a paid enrolment, as an expense on the budget.
    expenseId: integer("expense_id").references(() => expenses.id),
    reminderSentAt: text("reminder_sent_at"),
    // The status the enrolment got when it was made: the reports count waitlist pressure with it.
    initialStatus: text("initial_status", { enum: ["confirmed", "waitlisted", "requested"] })
      .notNull()
      .default("confirmed"),
    // When the mail asking for feedback was queued (once per enrolment).
    feedbackRequestedAt: text("feedback_requested_at"),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    // One active enrolment per member per session, whatever code path writes.
    uniqueIndex("enrolments_one_active_idx")
      .on(t.sessionId, t.memberId)
      .where(sql`status in ('confirmed', 'waitlisted', 'requested')`),
    uniqueIndex("enrolments_expense_idx").on(t.expenseId),
    index("enrolments_session_status_idx").on(t.sessionId, t.status, t.enrolledAt),
    index("enrolments_member_idx").on(t.memberId),
    index("enrolments_reminder_idx").on(t.status, t.reminderSentAt),
    check(
      "enrolments_four_eyes",
      sql`${t.decidedById} IS NULL OR ${t.decidedById} <> ${t.memberId}`,
    ),
    check(
      "enrolments_attendance_confirmed",
      sql`${t.attendance} IS NULL OR ${t.status} = 'confirmed'`,
    ),
  ],
);

// ---- Feedback --------------------------------------------------------------------------------

// One per enrolment, only after the member attended (app/domain/enrolment.ts mayGiveFeedback).
export const feedback = sqliteTable(
  "feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    enrolmentId: integer("enrolment_id")
      .notNull()
      .unique()
      .references(() => enrolments.id),
    rating: integer("rating").notNull(),
    comment: text("comment"),
    givenAt: text("given_at").notNull(),
  },
  (t) => [
    index("feedback_given_at_idx").on(t.givenAt),
    check("feedback_rating_range", sql`${t.rating} BETWEEN 1 AND 5`),
    check("feedback_comment_length", sql`${t.comment} IS NULL OR length(${t.comment}) <= 2000`),
  ],
);

/** The learning goals a member says the session helped with. */
export const feedbackLearningGoals = sqliteTable(
  "feedback_learning_goals",
  {
    feedbackId: integer("feedback_id")
      .notNull()
      .references(() => feedback.id, { onDelete: "cascade" }),
    learningGoalId: integer("learning_goal_id")
      .notNull()
      .references(() => learningGoals.id),
  },
  (t) => [
    primaryKey({ columns: [t.feedbackId, t.learningGoalId] }),
    index("feedback_learning_goals_goal_idx").on(t.learningGoalId),
  ],
);
