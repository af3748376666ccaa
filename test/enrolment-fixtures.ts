// Courses, sessions and a budget for enrolment tests, made through the app's own models.
import crypto from "node:crypto";
import { asc, eq, gt } from "drizzle-orm";
import ICAL from "ical.js";
import { getDb } from "#db/client.server.ts";
import { budgets, mailOutbox, type CourseKind } from "#db/schema.ts";
import { parseAttachments } from "#app/mail/outbox.server.ts";
import { insertCourse, insertSession } from "#app/models/catalogue-admin.server.ts";
import type { User } from "#app/models/users.server.ts";
import { adjustBudget } from "#app/utils/expenses.server.ts";

const HOUR = 60 * 60 * 1000;

export function createSession(
  options: {
    kind?: CourseKind;
    costPerParticipantCents?: number;
    sessionCostCents?: number;
    capacity?: number;
    /** Hours from now until the start; negative for a session that has begun. */
    startsInHours?: number;
    /** Hours before the start that enrolment closes. */
    deadlineHoursBefore?: number;
    title?: string;
    now?: Date;
  } = {},
) {
  const db = getDb();
  const now = options.now ?? new Date();
  const title = options.title ?? `Testcursus ${crypto.randomUUID().slice(0, 8)}`;
  const course = insertCourse(
    db,
    {
      kind: options.kind ?? "in_house",
      title,
      slug: `cursus-${crypto.randomUUID()}`,
      summary: "Een cursus om mee te testen.",
      body: "",
      provider: "Gemeente Huizen",
      costPerParticipantCents: options.costPerParticipantCents ?? 0,
      durationHours: 3,
      targetRoles: ["employee"],
      learningGoalIds: [],
      published: true,
    },
    // Created before the session starts, whatever the test's clock says.
    new Date(now.getTime() - 30 * 24 * HOUR),
  );
  const startsAt = new Date(now.getTime() + (options.startsInHours ?? 14 * 24) * HOUR);
  const session = insertSession(
    db,
    course.id,
    {
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * HOUR),
      location: "Raadhuis Huizen, zaal 2",
      onlineUrl: null,
      capacity: options.capacity ?? 2,
      enrolmentDeadline: new Date(startsAt.getTime() - (options.deadlineHoursBefore ?? 24) * HOUR),
      sessionCostCents: options.sessionCostCents ?? 0,
    },
    new Date(now.getTime() - 30 * 24 * HOUR),
  );
  return { course, session };
}

/** The current budget for paid enrolments: the newest by start date, funded by an allocation. */
export function createBudget(
  amountCents: number,
  admin: User,
  options: { thresholdCents?: number; startDate?: string } = {},
): number {
  const budget = getDb()
    .insert(budgets)
    .values({
      name: "Opleidingsbudget Gilde OGW",
      fundingSource: "Incidentele middelen",
      decisionDate: "2023-01-31",
      decisionReference: "Z.1 / D.1",
      startDate: options.startDate ?? "2024-01-01",
      endDate: "2099-12-31",
      significanceThresholdCents: options.thresholdCents ?? 250_000,
    })
    .returning()
    .get();
  const funded = adjustBudget(budget.id, amountCents, "Toekenning", admin, "192.0.2.1");
  if (!funded.ok) throw new Error(funded.message);
  return budget.id;
}

export function lastMailId(): number {
  return (
    getDb().select({ id: mailOutbox.id }).from(mailOutbox).orderBy(asc(mailOutbox.id)).all().at(-1)
      ?.id ?? 0
  );
}

export function mailsSince(mark: number) {
  return getDb()
    .select()
    .from(mailOutbox)
    .where(gt(mailOutbox.id, mark))
    .orderBy(asc(mailOutbox.id))
    .all();
}

export function mailsTo(userId: number) {
  return getDb()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toUserId, userId))
    .orderBy(asc(mailOutbox.id))
    .all();
}

/** The calendar attached to an outbox mail, parsed: its METHOD, and the event's UID and STATUS. */
export function calendarOf(mail: { attachments: string | null }) {
  const attachment = parseAttachments(mail.attachments).find((file) =>
    file.contentType.startsWith("text/calendar"),
  );
  if (!attachment) return null;
  const calendar = new ICAL.Component(ICAL.parse(attachment.content));
  const event = calendar.getFirstSubcomponent("vevent");
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: String(event?.getFirstPropertyValue("uid")),
    status: String(event?.getFirstPropertyValue("status")),
    sequence: Number(event?.getFirstPropertyValue("sequence")),
    start: event?.getFirstProperty("dtstart")?.getParameter("tzid"),
  };
}
