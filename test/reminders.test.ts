// The day-before reminder job against a real database: who gets one, and never twice.
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  courses,
  courseSessions,
  enrolments,
  mailOutbox,
  type EnrolmentStatus,
  type SessionStatus,
} from "#db/schema.ts";
import type { User } from "#app/models/users.server.ts";
import { queueDueReminders } from "#app/mail/reminders.server.ts";
import { startOutboxSender } from "#app/mail/sender.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { captureLogs } from "#app/utils/logger.server.ts";
import { createUser } from "#test/factories.ts";

// Friday 14 June 2030, 12:00 in Amsterdam.
const NOW = new Date("2030-06-14T10:00:00.000Z");
const HOUR = 60 * 60 * 1000;

let courseId = 0;
let member: User;

beforeAll(async () => {
  courseId = getDb()
    .insert(courses)
    .values({
      slug: "herinnering-opgave-afbakenen",
      title: "Workshop: een opgave afbakenen",
      kind: "in_house",
      summary: "Van vaag vraagstuk naar heldere opgave.",
      provider: "Bureau Test",
      durationHours: 3,
      published: true,
    })
    .returning({ id: courses.id })
    .get().id;
  member = await createUser({ name: "Joris Bakker", email: "joris.herinnering@huizen.example" });
});

beforeEach(() => {
  const db = getDb();
  db.delete(mailOutbox).run();
  db.delete(enrolments).run();
  db.delete(courseSessions).run();
});

function insertSession(startsAt: Date, status: SessionStatus = "planned") {
  return getDb()
    .insert(courseSessions)
    .values({
      courseId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2.5 * HOUR).toISOString(),
      enrolmentDeadline: new Date(startsAt.getTime() - 72 * HOUR).toISOString(),
      capacity: 10,
      location: "Gemeentehuis Huizen, zaal 1",
      status,
      cancelReason: status === "cancelled" ? "De trainer is ziek." : null,
    })
    .returning()
    .get();
}

function enrol(sessionId: number, memberId = member.id, status: EnrolmentStatus = "confirmed") {
  return getDb()
    .insert(enrolments)
    .values({
      sessionId,
      memberId,
      ogwRole: "employee",
      status,
      enrolledAt: new Date(NOW.getTime() - 10 * 24 * HOUR).toISOString(),
    })
    .returning()
    .get();
}

function outbox() {
  return getDb().select().from(mailOutbox).all();
}

function reminderSentAt(enrolmentId: number) {
  return getDb()
    .select({ at: enrolments.reminderSentAt })
    .from(enrolments)
    .where(eq(enrolments.id, enrolmentId))
    .get()?.at;
}

describe("queueDueReminders", () => {
  it("queues a reminder for tomorrow's session to the member, and marks the enrolment", async () => {
    // Saturday 15 June 2030, 09:30–12:00 in Amsterdam.
    const session = insertSession(new Date("2030-06-15T07:30:00.000Z"));
    const enrolment = enrol(session.id);

    expect(await queueDueReminders(NOW)).toBe(1);

    const mails = outbox();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({
      template: "session_reminder",
      toAddress: "joris.herinnering@huizen.example",
      toUserId: member.id,
      status: "pending",
      attachments: null,
    });
    expect(mail?.subject).toBe(
      "Herinnering: Workshop: een opgave afbakenen, zaterdag 15 juni 2030, 09:30–12:00 uur",
    );
    expect(mail?.text).toContain("Beste Joris Bakker,");
    expect(mail?.text).toContain("Gemeentehuis Huizen, zaal 1");
    expect(mail?.text).toContain(`http://localhost:3000/sessies/${session.id}`);
    expect(reminderSentAt(enrolment.id)).toBe(NOW.toISOString());
  });

  it.each([
    ["a session in three days", () => enrol(insertSession(new Date(NOW.getTime() + 72 * HOUR)).id)],
    [
      "a session the day after tomorrow (window opens at midnight tomorrow)",
      () => enrol(insertSession(new Date("2030-06-16T07:30:00.000Z")).id),
    ],
    [
      "a cancelled session",
      () => enrol(insertSession(new Date("2030-06-15T07:30:00.000Z"), "cancelled").id),
    ],
    [
      "a session that started already",
      () => enrol(insertSession(new Date(NOW.getTime() - HOUR)).id),
    ],
    [
      "a waitlisted enrolment",
      () => enrol(insertSession(new Date("2030-06-15T07:30:00.000Z")).id, member.id, "waitlisted"),
    ],
    [
      "a cancelled enrolment",
      () => enrol(insertSession(new Date("2030-06-15T07:30:00.000Z")).id, member.id, "cancelled"),
    ],
    [
      "a paid enrolment still waiting for approval",
      () => enrol(insertSession(new Date("2030-06-15T07:30:00.000Z")).id, member.id, "requested"),
    ],
  ])("queues nothing for %s", async (_label, arrange) => {
    const enrolment = arrange();
    expect(await queueDueReminders(NOW)).toBe(0);
    expect(outbox()).toHaveLength(0);
    expect(reminderSentAt(enrolment.id)).toBeNull();
  });

  it("queues nothing for a member whose account is deactivated", async () => {
    const gone = await createUser({ status: "deactivated" });
    enrol(insertSession(new Date("2030-06-15T07:30:00.000Z")).id, gone.id);
    expect(await queueDueReminders(NOW)).toBe(0);
    expect(outbox()).toHaveLength(0);
  });

  it("sends the day-after-tomorrow session's reminder once its window opens", async () => {
    const enrolment = enrol(insertSession(new Date("2030-06-16T07:30:00.000Z")).id);
    // Friday 23:59 in Amsterdam: too early.
    expect(await queueDueReminders(new Date("2030-06-14T21:59:00.000Z"))).toBe(0);
    // Saturday 00:00 in Amsterdam.
    const midnight = new Date("2030-06-14T22:00:00.000Z");
    expect(await queueDueReminders(midnight)).toBe(1);
    expect(reminderSentAt(enrolment.id)).toBe(midnight.toISOString());
  });

  it("sends one reminder per enrolment, to every confirmed participant", async () => {
    const session = insertSession(new Date("2030-06-15T07:30:00.000Z"));
    const other = await createUser({ email: "sanne.herinnering@huizen.example" });
    enrol(session.id);
    enrol(session.id, other.id);
    expect(await queueDueReminders(NOW)).toBe(2);
    expect(
      outbox()
        .map((mail) => mail.toAddress)
        .sort(),
    ).toEqual(["joris.herinnering@huizen.example", "sanne.herinnering@huizen.example"]);
  });

  it("never sends twice when it runs again later", async () => {
    enrol(insertSession(new Date("2030-06-15T07:30:00.000Z")).id);
    expect(await queueDueReminders(NOW)).toBe(1);
    expect(await queueDueReminders(new Date(NOW.getTime() + HOUR))).toBe(0);
    expect(outbox()).toHaveLength(1);
  });

  it("never sends twice when two runs overlap", async () => {
    const session = insertSession(new Date("2030-06-15T07:30:00.000Z"));
    const other = await createUser();
    enrol(session.id);
    enrol(session.id, other.id);

    const counts = await Promise.all([
      queueDueReminders(NOW),
      queueDueReminders(NOW),
      queueDueReminders(NOW),
    ]);

    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(outbox()).toHaveLength(2);
    expect(new Set(outbox().map((mail) => mail.toUserId)).size).toBe(2);
  });

  it("does not send a reminder for an enrolment cancelled while the mail was being made", async () => {
    const enrolment = enrol(insertSession(new Date("2030-06-15T07:30:00.000Z")).id);
    const running = queueDueReminders(NOW);
    // The job read its candidates synchronously and is now rendering.
    getDb()
      .update(enrolments)
      .set({ status: "cancelled", cancelledAt: NOW.toISOString() })
      .where(eq(enrolments.id, enrolment.id))
      .run();
    expect(await running).toBe(0);
    expect(outbox()).toHaveLength(0);
  });
});

describe("the mail sender's reminder job", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL };

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
    vi.restoreAllMocks();
  });

  it("queues due reminders in the outbox also without SMTP_URL", async () => {
    const enrolment = enrol(insertSession(new Date(Date.now() + 2 * HOUR)).id);
    process.env.NODE_ENV = "development";
    delete process.env.SMTP_URL;
    resetEnvCache();
    const log = captureLogs();

    // stop() waits for the run that started with the sender.
    await startOutboxSender().stop();
    log.stop();

    expect(outbox()).toEqual([
      expect.objectContaining({ template: "session_reminder", status: "pending" }),
    ]);
    expect(reminderSentAt(enrolment.id)).not.toBeNull();
    expect(log.lines().map((line) => line.msg)).toContain(
      "Herinneringen: 1 e-mail in de wachtrij gezet.",
    );
  });

  it("does not run under test", async () => {
    enrol(insertSession(new Date(Date.now() + 2 * HOUR)).id);
    process.env.NODE_ENV = "test";
    resetEnvCache();
    await startOutboxSender().stop();
    expect(outbox()).toHaveLength(0);
  });
});
