// The enrolment changes against a real SQLite file: seats, waitlist and promotion, paid
// enrolments on the budget with four eyes and the college rule, attendance and realised session
// costs, a cancelled session, and the mail with calendar files each change queues.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, enrolments, expenses, ledgerEntries, users } from "#db/schema.ts";
import { getBudgetFigures, getExpense } from "#app/models/budget.server.ts";
import { getEnrolment } from "#app/models/enrolments.server.ts";
import type { User } from "#app/models/users.server.ts";
import { cancelSessionWithReason, saveSession } from "#app/utils/catalogue-admin.server.ts";
import {
  approveEnrolment,
  cancelEnrolment,
  enrolInSession,
  registerAttendance,
  rejectEnrolment,
} from "#app/utils/enrolments.server.ts";
import {
  approveExpense,
  enrolmentExpenseMessage,
  recordCollegeDecision,
} from "#app/utils/expenses.server.ts";
import {
  calendarOf,
  createBudget,
  createSession,
  lastMailId,
  mailsSince,
} from "#test/enrolment-fixtures.ts";
import { createUser } from "#test/factories.ts";

const address = "198.51.100.7";
const HOUR = 60 * 60 * 1000;

let coordinatorA: User;
let coordinatorB: User;
let admin: User;
let members: User[];
let budgetId: number;

beforeAll(async () => {
  coordinatorA = await createUser({ appRole: "coordinator", name: "Joris Bakker" });
  coordinatorB = await createUser({ appRole: "coordinator", name: "Annelies Visser" });
  admin = await createUser({ appRole: "admin", name: "Pieter Jansen" });
  members = [];
  for (const name of ["Sanne de Vries", "Mehmet Yilmaz", "Eva Smit", "Daan Mulder"]) {
    members.push(await createUser({ name, ogwRole: "steering_professional" }));
  }
  budgetId = createBudget(1_500_000, admin, { thresholdCents: 250_000 });
});

function rowCounts() {
  const db = getDb();
  return {
    enrolments: db.select().from(enrolments).all().length,
    expenses: db.select().from(expenses).all().length,
    ledger: db.select().from(ledgerEntries).all().length,
    mails: lastMailId(),
  };
}

async function enrolled(sessionId: number, member: User) {
  const result = await enrolInSession(sessionId, member, address);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("a free session", () => {
  it("confirms while seats are left, then waitlists in order, with mail and a calendar invitation", async () => {
    const { session } = createSession({ capacity: 2 });
    const mark = lastMailId();
    const first = await enrolled(session.id, members[0]!);
    const second = await enrolled(session.id, members[1]!);
    const third = await enrolled(session.id, members[2]!);
    const fourth = await enrolled(session.id, members[3]!);
    expect([first.status, second.status, third.status, fourth.status]).toEqual([
      "confirmed",
      "confirmed",
      "waitlisted",
      "waitlisted",
    ]);
    expect([third.waitlistPosition, fourth.waitlistPosition]).toEqual([1, 2]);

    const row = getEnrolment(getDb(), first.enrolmentId)!;
    expect(row.ogwRole).toBe("steering_professional");

    const mails = mailsSince(mark);
    expect(mails.map((mail) => [mail.toUserId, mail.template])).toEqual([
      [members[0]!.id, "enrolment_confirmed"],
      [members[1]!.id, "enrolment_confirmed"],
      [members[2]!.id, "enrolment_waitlisted"],
      [members[3]!.id, "enrolment_waitlisted"],
    ]);
    const invitation = calendarOf(mails[0]!);
    expect(invitation).toMatchObject({
      method: "REQUEST",
      uid: `inschrijving-${first.enrolmentId}@gildeportaal.huizen.nl`,
      status: "CONFIRMED",
    });
    expect(calendarOf(mails[2]!)).toBeNull();
  });

  it("keeps the OGW role of the moment of enrolment when the member's role changes later", async () => {
    const { session } = createSession();
    const member = await createUser({ ogwRole: "line_manager" });
    const { enrolmentId } = await enrolled(session.id, member);
    getDb().update(users).set({ ogwRole: "opgave_director" }).where(eq(users.id, member.id)).run();
    expect(getEnrolment(getDb(), enrolmentId)!.ogwRole).toBe("line_manager");
  });

  it("refuses a second enrolment, a closed deadline, a cancelled and a past session, and writes nothing", async () => {
    const open = createSession();
    await enrolled(open.session.id, members[0]!);
    const afterDeadline = createSession({ startsInHours: 10, deadlineHoursBefore: 24 });
    const begun = createSession({ startsInHours: -1, deadlineHoursBefore: 1 });
    const cancelled = createSession();
    const cancel = await cancelSessionWithReason(
      cancelled.session.id,
      "De trainer is ziek.",
      coordinatorA,
      address,
    );
    expect(cancel.ok).toBe(true);

    const before = rowCounts();
    const cases: [number, string][] = [
      [open.session.id, "U bent al ingeschreven voor deze sessie."],
      [afterDeadline.session.id, "De inschrijving voor deze sessie is gesloten."],
      [begun.session.id, "Deze sessie is al begonnen."],
      [cancelled.session.id, "Deze sessie is geannuleerd."],
    ];
    for (const [sessionId, message] of cases) {
      const result = await enrolInSession(sessionId, members[0]!, address);
      expect(result).toEqual({ ok: false, message });
    }
    expect(await enrolInSession(999_999, members[0]!, address)).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(rowCounts()).toEqual(before);
  });

  it("the database itself refuses a second active enrolment for the same member and session", async () => {
    const { session } = createSession();
    const { enrolmentId } = await enrolled(session.id, members[1]!);
    const row = getEnrolment(getDb(), enrolmentId)!;
    expect(() =>
      getDb()
        .insert(enrolments)
        .values({ ...row, id: undefined, status: "waitlisted" })
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("a cancellation promotes the first on the waitlist at once; both get mail with the same UID per enrolment", async () => {
    const { session } = createSession({ capacity: 1 });
    const first = await enrolled(session.id, members[0]!);
    const second = await enrolled(session.id, members[1]!);
    const third = await enrolled(session.id, members[2]!);
    const mark = lastMailId();

    const result = await cancelEnrolment(first.enrolmentId, members[0]!, address);
    expect(result).toEqual({ ok: true, value: { promotedIds: [second.enrolmentId] } });
    expect(getEnrolment(getDb(), first.enrolmentId)!.status).toBe("cancelled");
    expect(getEnrolment(getDb(), second.enrolmentId)!).toMatchObject({ status: "confirmed" });
    expect(getEnrolment(getDb(), third.enrolmentId)!.status).toBe("waitlisted");

    const mails = mailsSince(mark);
    expect(mails.map((mail) => [mail.toUserId, mail.template])).toEqual([
      [members[1]!.id, "enrolment_confirmed"],
      [members[0]!.id, "enrolment_cancelled"],
    ]);
    expect(calendarOf(mails[0]!)).toMatchObject({
      method: "REQUEST",
      uid: `inschrijving-${second.enrolmentId}@gildeportaal.huizen.nl`,
    });
    expect(calendarOf(mails[1]!)).toMatchObject({
      method: "CANCEL",
      uid: `inschrijving-${first.enrolmentId}@gildeportaal.huizen.nl`,
      status: "CANCELLED",
    });
    expect(mails[0]!.text).toMatch(/wachtlijst/i);
  });

  it("a member cannot cancel someone else's enrolment; a coordinator can; cancelling twice is refused", async () => {
    const { session } = createSession({ capacity: 3 });
    const theirs = await enrolled(session.id, members[0]!);
    const before = rowCounts();
    expect(await cancelEnrolment(theirs.enrolmentId, members[1]!, address)).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(rowCounts()).toEqual(before);
    expect((await cancelEnrolment(theirs.enrolmentId, coordinatorA, address)).ok).toBe(true);
    const again = await cancelEnrolment(theirs.enrolmentId, members[0]!, address);
    expect(again).toEqual({ ok: false, message: "Deze inschrijving is al afgemeld." });
  });

  it("nobody cancels once the session has begun", async () => {
    const now = new Date();
    const { session } = createSession({ startsInHours: 2, deadlineHoursBefore: 1, now });
    const { enrolmentId } = await enrolled(session.id, members[0]!);
    const later = new Date(now.getTime() + 3 * HOUR);
    expect(await cancelEnrolment(enrolmentId, members[0]!, address, later)).toEqual({
      ok: false,
      message: "Deze sessie is al begonnen; afmelden kan niet meer.",
    });
  });
});

describe("a session's capacity", () => {
  function fieldsOf(session: ReturnType<typeof createSession>["session"], capacity: number) {
    return {
      startsAt: new Date(session.startsAt),
      endsAt: new Date(session.endsAt),
      location: session.location,
      onlineUrl: session.onlineUrl,
      capacity,
      enrolmentDeadline: new Date(session.enrolmentDeadline),
      sessionCostCents: session.sessionCostCents,
    };
  }

  it("cannot drop below the seats taken, and more seats go to the waitlist at once", async () => {
    const { session } = createSession({ capacity: 2 });
    const seated = [
      await enrolled(session.id, members[0]!),
      await enrolled(session.id, members[1]!),
    ];
    const waiting = [
      await enrolled(session.id, members[2]!),
      await enrolled(session.id, members[3]!),
    ];
    expect(seated.map((row) => row.status)).toEqual(["confirmed", "confirmed"]);

    const before = rowCounts();
    expect(await saveSession(session.id, fieldsOf(session, 1), coordinatorA, address)).toEqual({
      ok: false,
      reason: "invalid",
      field: "capacity",
      message: "Er zijn al 2 plaatsen bezet; minder plaatsen kan niet. Meld eerst deelnemers af.",
    });
    expect(rowCounts()).toEqual(before);

    const mark = lastMailId();
    const saved = await saveSession(session.id, fieldsOf(session, 3), coordinatorA, address);
    expect(saved).toEqual({ ok: true, value: { changed: true, promoted: 1 } });
    expect(getEnrolment(getDb(), waiting[0]!.enrolmentId)!.status).toBe("confirmed");
    expect(getEnrolment(getDb(), waiting[1]!.enrolmentId)!.status).toBe("waitlisted");
    expect(mailsSince(mark).map((mail) => [mail.toUserId, mail.template])).toEqual([
      [members[2]!.id, "enrolment_confirmed"],
    ]);
  });
});

describe("a paid enrolment", () => {
  it("is a request on the budget; only another coordinator approves it, which commits the cost", async () => {
    const { session } = createSession({ kind: "individual", costPerParticipantCents: 95_000 });
    const before = getBudgetFigures(getDb(), budgetId);
    const requester = await createUser({ appRole: "coordinator", name: "Karin Hoekstra" });
    const mark = lastMailId();
    const request = await enrolled(session.id, requester);
    expect(request.status).toBe("requested");
    const row = getEnrolment(getDb(), request.enrolmentId)!;
    const expense = getExpense(getDb(), row.expenseId!)!;
    expect(expense).toMatchObject({
      status: "requested",
      amountCents: 95_000,
      kind: "individual",
      requestedById: requester.id,
      significant: false,
    });
    expect(getBudgetFigures(getDb(), budgetId).pendingCents).toBe(before.pendingCents + 95_000);
    const told = mailsSince(mark);
    expect(told.find((mail) => mail.toUserId === requester.id)?.template).toBe(
      "enrolment_requested",
    );
    expect(
      told.filter((mail) => mail.template === "enrolment_approval_needed").map((m) => m.toUserId),
    ).toEqual(expect.arrayContaining([coordinatorA.id, coordinatorB.id]));
    expect(
      told.some(
        (mail) => mail.template === "enrolment_approval_needed" && mail.toUserId === requester.id,
      ),
    ).toBe(false);

    // Four eyes: the requester (a coordinator) cannot approve it; a member cannot either.
    expect(await approveEnrolment(request.enrolmentId, requester, address)).toEqual({
      ok: false,
      message: "U kunt uw eigen aanvraag niet goedkeuren; een andere coördinator moet dat doen.",
    });
    expect(await approveEnrolment(request.enrolmentId, members[0]!, address)).toMatchObject({
      ok: false,
      notFound: true,
    });
    // Nor through the expense pages.
    expect(await approveExpense(expense.id, coordinatorA, address)).toEqual({
      ok: false,
      message: enrolmentExpenseMessage,
    });
    expect(getExpense(getDb(), expense.id)!.status).toBe("requested");

    const approvedMark = lastMailId();
    expect(await approveEnrolment(request.enrolmentId, coordinatorA, address)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(getEnrolment(getDb(), request.enrolmentId)!).toMatchObject({
      status: "confirmed",
      decidedById: coordinatorA.id,
    });
    expect(getExpense(getDb(), expense.id)!.status).toBe("approved");
    const after = getBudgetFigures(getDb(), budgetId);
    expect(after.committedCents).toBe(before.committedCents + 95_000);
    expect(after.availableCents).toBe(before.availableCents - 95_000);
    const confirmation = mailsSince(approvedMark).find((mail) => mail.toUserId === requester.id)!;
    expect(confirmation.template).toBe("enrolment_confirmed");
    expect(calendarOf(confirmation)?.method).toBe("REQUEST");

    // Cancelling releases the commitment.
    expect((await cancelEnrolment(request.enrolmentId, requester, address)).ok).toBe(true);
    expect(getExpense(getDb(), expense.id)!.status).toBe("cancelled");
    const released = getBudgetFigures(getDb(), budgetId);
    expect(released.committedCents).toBe(before.committedCents);
    expect(released.availableCents).toBe(before.availableCents);
  });

  it("an approval the budget cannot carry is refused with the shortfall, and nothing changes", async () => {
    const available = getBudgetFigures(getDb(), budgetId).availableCents;
    // Significance is set high here so that only the money stops it.
    const { session } = createSession({
      kind: "individual",
      costPerParticipantCents: available + 10_000,
    });
    const { enrolmentId } = await enrolled(session.id, members[0]!);
    const expenseId = getEnrolment(getDb(), enrolmentId)!.expenseId!;
    // A significant expense needs the college first; record its approval so the money decides.
    const college = await recordCollegeDecision(
      expenseId,
      { outcome: "approved", date: "2026-11-01", reference: "B&W 2026/123" },
      coordinatorB,
      address,
    );
    expect(college.ok).toBe(true);
    const before = rowCounts();
    const result = await approveEnrolment(enrolmentId, coordinatorA, address);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/tekort/);
    expect(!result.ok && result.message).toMatch(/€\s100,00 tekort/);
    expect(rowCounts()).toEqual(before);
    expect(getEnrolment(getDb(), enrolmentId)!.status).toBe("requested");
    await cancelEnrolment(enrolmentId, members[0]!, address);
  });

  it("a significant cost waits for the college decision", async () => {
    const { session } = createSession({ kind: "individual", costPerParticipantCents: 300_000 });
    const { enrolmentId } = await enrolled(session.id, members[1]!);
    const expense = getExpense(getDb(), getEnrolment(getDb(), enrolmentId)!.expenseId!)!;
    expect(expense.significant).toBe(true);
    expect(await approveEnrolment(enrolmentId, coordinatorA, address)).toEqual({
      ok: false,
      message: "Deze uitgave is significant: leg eerst het besluit van het college vast.",
    });
    const college = await recordCollegeDecision(
      expense.id,
      { outcome: "approved", date: "2026-11-02", reference: "B&W 2026/124" },
      admin,
      address,
    );
    expect(college.ok).toBe(true);
    expect((await approveEnrolment(enrolmentId, coordinatorA, address)).ok).toBe(true);
    await cancelEnrolment(enrolmentId, members[1]!, address);
  });

  it("a rejection needs a reason, tells the member, and gives the seat to the waitlist as a new request", async () => {
    const { session } = createSession({
      kind: "individual",
      costPerParticipantCents: 40_000,
      capacity: 1,
    });
    const first = await enrolled(session.id, members[2]!);
    const second = await enrolled(session.id, members[3]!);
    expect(second.status).toBe("waitlisted");
    expect(await rejectEnrolment(first.enrolmentId, "  ", coordinatorA, address)).toEqual({
      ok: false,
      field: "reason",
      message: "Geef een reden op.",
    });
    const mark = lastMailId();
    const result = await rejectEnrolment(
      first.enrolmentId,
      "Past niet bij uw OGW-rol.",
      coordinatorA,
      address,
    );
    expect(result.ok).toBe(true);
    const rejected = getEnrolment(getDb(), first.enrolmentId)!;
    expect(rejected).toMatchObject({
      status: "rejected",
      decisionReason: "Past niet bij uw OGW-rol.",
    });
    expect(getExpense(getDb(), rejected.expenseId!)!.status).toBe("rejected");
    const promoted = getEnrolment(getDb(), second.enrolmentId)!;
    expect(promoted.status).toBe("requested");
    expect(getExpense(getDb(), promoted.expenseId!)!).toMatchObject({
      status: "requested",
      amountCents: 40_000,
      requestedById: members[3]!.id,
    });
    const mails = mailsSince(mark);
    expect(mails.find((mail) => mail.toUserId === members[2]!.id)?.template).toBe(
      "enrolment_rejected",
    );
    expect(mails.find((mail) => mail.toUserId === members[3]!.id)?.template).toBe(
      "enrolment_requested",
    );
    await cancelEnrolment(second.enrolmentId, members[3]!, address);
  });
});

describe("attendance", () => {
  it("is refused before the session has begun, and for the waitlist", async () => {
    const now = new Date();
    const { session } = createSession({ capacity: 1, startsInHours: 5, deadlineHoursBefore: 1 });
    const confirmed = await enrolled(session.id, members[0]!);
    const waiting = await enrolled(session.id, members[1]!);
    const before = rowCounts();
    expect(
      await registerAttendance(
        session.id,
        [{ enrolmentId: confirmed.enrolmentId, attendance: "attended" }],
        coordinatorA,
        address,
        now,
      ),
    ).toEqual({
      ok: false,
      message: "Aanwezigheid registreren kan pas als de sessie begonnen is.",
    });
    const later = new Date(now.getTime() + 6 * HOUR);
    expect(
      await registerAttendance(
        session.id,
        [{ enrolmentId: waiting.enrolmentId, attendance: "attended" }],
        coordinatorA,
        address,
        later,
      ),
    ).toEqual({
      ok: false,
      message: "Aanwezigheid geldt alleen voor bevestigde inschrijvingen, niet voor de wachtlijst.",
    });
    expect(
      await registerAttendance(
        session.id,
        [{ enrolmentId: confirmed.enrolmentId, attendance: "attended" }],
        members[0]!,
        address,
        later,
      ),
    ).toMatchObject({ ok: false });
    expect(rowCounts()).toEqual(before);
  });

  it("after the session marks attended and no-show, and realises an in-house session cost once", async () => {
    const now = new Date();
    const { session, course } = createSession({
      capacity: 3,
      startsInHours: 2,
      deadlineHoursBefore: 1,
      sessionCostCents: 120_000,
    });
    const a = await enrolled(session.id, members[0]!);
    const b = await enrolled(session.id, members[1]!);
    const before = getBudgetFigures(getDb(), budgetId);
    const later = new Date(now.getTime() + 4 * HOUR);
    const result = await registerAttendance(
      session.id,
      [
        { enrolmentId: a.enrolmentId, attendance: "attended" },
        { enrolmentId: b.enrolmentId, attendance: "no_show" },
      ],
      coordinatorA,
      address,
      later,
    );
    expect(result).toEqual({ ok: true, value: { realisedCents: 120_000 } });
    expect(getEnrolment(getDb(), a.enrolmentId)!.attendance).toBe("attended");
    expect(getEnrolment(getDb(), b.enrolmentId)!.attendance).toBe("no_show");
    const after = getBudgetFigures(getDb(), budgetId);
    expect(after.actualCents).toBe(before.actualCents + 120_000);
    const costs = getDb()
      .select()
      .from(expenses)
      .where(and(eq(expenses.sessionId, session.id), eq(expenses.courseId, course.id)))
      .all();
    expect(costs).toHaveLength(1);
    expect(costs[0]).toMatchObject({ status: "paid", kind: "in_house", amountCents: 120_000 });

    // A correction later changes attendance but books nothing again.
    const again = await registerAttendance(
      session.id,
      [{ enrolmentId: b.enrolmentId, attendance: "attended" }],
      coordinatorA,
      address,
      later,
    );
    expect(again).toEqual({ ok: true, value: { realisedCents: 0 } });
    expect(getBudgetFigures(getDb(), budgetId).actualCents).toBe(after.actualCents);
    const audits = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "enrolment_attendance"))
      .all()
      .filter((row) => row.objectId === String(b.enrolmentId));
    expect(audits).toHaveLength(2);
  });
});

describe("a cancelled session", () => {
  it("cancels every enrolment, tells everyone with a calendar cancellation, and releases commitments", async () => {
    const { session } = createSession({
      kind: "individual",
      costPerParticipantCents: 50_000,
      capacity: 2,
    });
    const approved = await enrolled(session.id, members[0]!);
    const requested = await enrolled(session.id, members[1]!);
    const waiting = await enrolled(session.id, members[2]!);
    expect((await approveEnrolment(approved.enrolmentId, coordinatorA, address)).ok).toBe(true);
    const before = getBudgetFigures(getDb(), budgetId);
    const mark = lastMailId();

    const result = await cancelSessionWithReason(
      session.id,
      "Te weinig belangstelling.",
      coordinatorB,
      address,
    );
    expect(result.ok).toBe(true);
    for (const { enrolmentId } of [approved, requested, waiting]) {
      expect(getEnrolment(getDb(), enrolmentId)!.status).toBe("cancelled");
    }
    const mails = mailsSince(mark);
    expect(mails.map((mail) => mail.toUserId).sort()).toEqual(
      [members[0]!.id, members[1]!.id, members[2]!.id].sort(),
    );
    for (const mail of mails) {
      expect(mail.template).toBe("enrolment_cancelled");
      expect(mail.text).toContain("Te weinig belangstelling.");
      expect(calendarOf(mail)).toMatchObject({ method: "CANCEL", status: "CANCELLED" });
    }
    const after = getBudgetFigures(getDb(), budgetId);
    expect(after.committedCents).toBe(before.committedCents - 50_000);
    expect(after.pendingCents).toBe(before.pendingCents - 50_000);
  });
});
