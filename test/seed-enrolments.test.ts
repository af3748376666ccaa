// The demo's colleagues and enrolments: attendance at held sessions, a full session with a
// waitlist, the demo member's own enrolments and a paid request for a coordinator to approve.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  auditLog,
  courses,
  courseSessions,
  enrolments,
  expenses,
  ledgerEntries,
  mailOutbox,
  passwords,
  users,
} from "#db/schema.ts";
import { DEMO_PASSWORD, demoAccounts, seed } from "#db/seed.ts";
import { colleagueEmail, demoColleagues } from "#db/seed-enrolments.ts";
import { ogwRoles } from "#app/domain/roles.ts";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import { listMemberEnrolments, listWaitlist, seatCounts } from "#app/models/enrolments.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { attemptSignIn } from "#app/utils/account.server.ts";
import { approveEnrolment } from "#app/utils/enrolments.server.ts";

const memberEmail = demoAccounts.find((account) => account.appRole === "member")!.email;
const coordinatorEmail = demoAccounts.find((account) => account.appRole === "coordinator")!.email;

const counts = () => {
  const db = getDb();
  return {
    users: db.select().from(users).all().length,
    enrolments: db.select().from(enrolments).all().length,
    expenses: db.select().from(expenses).all().length,
    ledgerEntries: db.select().from(ledgerEntries).all().length,
    mail: db.select().from(mailOutbox).all().length,
    audit: db.select().from(auditLog).all().length,
  };
};

describe("seedEnrolments in demo mode (through seed)", () => {
  it("makes the demo look used, and a second seed creates nothing new", async () => {
    const seededAt = new Date();
    const first = await seed();
    const seededBy = new Date().toISOString();
    const db = getDb();
    const all = db.select().from(enrolments).all();
    expect(first.colleaguesCreated).toBe(demoColleagues.length);
    expect(first.enrolmentsCreated).toBe(all.length);

    // ---- The colleagues: every department and OGW role, active, and none can sign in ----
    const colleagues = demoColleagues.map((colleague) =>
      findUserByEmail(db, colleagueEmail(colleague.name)),
    );
    expect(colleagues.every((user) => user !== undefined)).toBe(true);
    for (const user of colleagues) {
      expect(user!.email).toMatch(/^[a-z-]+\.[a-z-]+@gilde\.example$/);
      expect(user).toMatchObject({ status: "active", appRole: "member" });
      expect(user!.departmentId).not.toBeNull();
    }
    expect(new Set(colleagues.map((user) => user!.ogwRole))).toEqual(new Set(ogwRoles));
    expect(new Set(colleagues.map((user) => user!.departmentId)).size).toBe(8);
    const colleagueIds = colleagues.map((user) => user!.id);
    expect(
      db.select().from(passwords).where(inArray(passwords.userId, colleagueIds)).all(),
    ).toEqual([]);
    const signIn = await attemptSignIn({
      email: colleagues[0]!.email,
      password: DEMO_PASSWORD,
      address: "192.0.2.7",
    });
    expect(signIn.kind).not.toBe("success");

    // ---- Held sessions: attendance registered, not mailed, statuses and costs untouched ----
    const sessions = db
      .select({ session: courseSessions, course: courses })
      .from(courseSessions)
      .innerJoin(courses, eq(courses.id, courseSessions.courseId))
      .all();
    for (const { session } of sessions) {
      // The catalogue seed's statuses, unchanged: nothing was marked held by registering attendance.
      const expected = session.cancelReason
        ? "cancelled"
        : session.startsAt < seededAt.toISOString()
          ? "held"
          : "planned";
      expect(session.status, `session ${session.id}`).toBe(expected);
    }
    const heldFree = sessions.filter(
      ({ session, course }) => session.status === "held" && course.costPerParticipantCents === 0,
    );
    expect(heldFree.length).toBeGreaterThanOrEqual(4);
    const history = all.filter((row) =>
      heldFree.some(({ session }) => session.id === row.sessionId),
    );
    for (const { session } of heldFree) {
      const rows = history.filter((row) => row.sessionId === session.id);
      expect(rows.length, `held session ${session.id}`).toBeGreaterThan(0);
      expect(rows.length).toBeLessThanOrEqual(session.capacity);
      for (const row of rows) {
        expect(row.status).toBe("confirmed");
        expect(row.attendance).not.toBeNull();
        expect(row.enrolledAt < session.enrolmentDeadline).toBe(true);
        expect(row.attendanceRegisteredAt! >= session.endsAt).toBe(true);
        expect(row.attendanceRegisteredAt! <= seededBy).toBe(true);
      }
    }
    const attended = history.filter((row) => row.attendance === "attended").length;
    const noShows = history.filter((row) => row.attendance === "no_show").length;
    expect(noShows).toBeGreaterThan(0);
    expect(attended).toBeGreaterThan(noShows * 3);
    // History is not news: a confirmation mail only for each enrolment still to come.
    const upcomingConfirmed = all.filter(
      (row) =>
        row.status === "confirmed" &&
        sessions.some(
          ({ session }) => session.id === row.sessionId && session.status === "planned",
        ),
    );
    expect(
      db.select().from(mailOutbox).where(eq(mailOutbox.template, "enrolment_confirmed")).all()
        .length,
    ).toBe(upcomingConfirmed.length);
    expect(db.select().from(enrolments).where(isNotNull(enrolments.attendance)).all().length).toBe(
      history.length,
    );
    // Session costs were booked once, by the budget seed, not by registering attendance.
    expect(
      db
        .select()
        .from(expenses)
        .all()
        .filter((row) => row.description.startsWith("Sessiekosten:")),
    ).toEqual([]);

    // ---- A full upcoming session with its waitlist in order ----
    const upcoming = sessions.filter(({ session }) => session.status === "planned");
    const full = upcoming.filter(({ session }) => {
      const seats = seatCounts(db, session.id);
      return seats.confirmed + seats.requested === session.capacity && seats.waitlisted > 0;
    });
    expect(full).toHaveLength(1);
    const fullSession = full[0]!.session;
    const waitlist = listWaitlist(db, fullSession.id);
    expect(waitlist).toHaveLength(4);
    const times = waitlist.map((row) => row.enrolledAt);
    expect(times).toEqual([...times].sort());
    const confirmedTimes = db
      .select({ enrolledAt: enrolments.enrolledAt })
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, fullSession.id), eq(enrolments.status, "confirmed")))
      .all()
      .map((row) => row.enrolledAt);
    // First come, first served: everyone with a seat enrolled before the first one waiting.
    expect(confirmedTimes.every((at) => at < times[0]!)).toBe(true);
    expect(
      db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.template, "enrolment_waitlisted"))
        .all()
        .map((mail) => mail.toUserId)
        .sort(),
    ).toEqual(waitlist.map((row) => row.memberId).sort());

    // ---- The demo member sees a confirmed and a waitlisted enrolment, plus history ----
    const member = findUserByEmail(db, memberEmail)!;
    const mine = listMemberEnrolments(db, member.id);
    const mineUpcoming = mine.filter((row) => row.sessionStatus === "planned");
    expect(mineUpcoming.map((row) => row.status).sort()).toEqual(["confirmed", "waitlisted"]);
    const waiting = mineUpcoming.find((row) => row.status === "waitlisted")!;
    expect(waiting.sessionId).toBe(fullSession.id);
    expect(waiting.waitlistPosition).toBe(4);
    expect(mine.some((row) => row.attendance === "attended")).toBe(true);
    expect(
      db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toUserId, member.id))
        .all()
        .map((mail) => mail.template)
        .sort(),
    ).toEqual(["enrolment_confirmed", "enrolment_waitlisted"]);

    // ---- One paid request waiting for approval, with its requested expense ----
    const requests = all.filter((row) => row.status === "requested");
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(colleagueIds).toContain(request.memberId);
    expect(request.expenseId).not.toBeNull();
    const expense = db.select().from(expenses).where(eq(expenses.id, request.expenseId!)).get()!;
    const paidCourse = sessions.find(({ session }) => session.id === request.sessionId)!.course;
    expect(paidCourse.kind).toBe("individual");
    expect(expense).toMatchObject({
      status: "requested",
      amountCents: paidCourse.costPerParticipantCents,
      sessionId: request.sessionId,
      requestedById: request.memberId,
      significant: false,
    });
    expect(
      db.select().from(ledgerEntries).where(eq(ledgerEntries.expenseId, expense.id)).all(),
    ).toEqual([]);
    expect(
      db.select().from(mailOutbox).where(eq(mailOutbox.template, "enrolment_approval_needed")).all()
        .length,
    ).toBeGreaterThanOrEqual(1);
    // No other enrolment carries money: the free sessions cost participants nothing.
    expect(all.filter((row) => row.expenseId !== null)).toHaveLength(1);

    // ---- A second seed creates nothing new ----
    const afterFirst = counts();
    const second = await seed();
    expect(second).toMatchObject({ colleaguesCreated: 0, enrolmentsCreated: 0 });
    expect(counts()).toEqual(afterFirst);

    // The budget has room: the demo coordinator can approve the request.
    const before = getBudgetFigures(db, expense.budgetId);
    expect(before.availableCents).toBeGreaterThanOrEqual(expense.amountCents);
    const coordinator = findUserByEmail(db, coordinatorEmail)!;
    const approved = await approveEnrolment(request.id, coordinator, "192.0.2.7");
    expect(approved).toEqual({ ok: true, value: undefined });
    expect(getBudgetFigures(db, expense.budgetId).availableCents).toBe(
      before.availableCents - expense.amountCents,
    );
  });
});
