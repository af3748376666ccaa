// The database schema. Timestamps are UTC ISO-8601 strings; money (later) is integer cents.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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
  },
  (t) => [index("users_department_idx").on(t.departmentId)],
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
