// The expense decisions against a real SQLite file: ledger entries, figures, refusals, audit rows and
// the mail each decision queues in its own transaction. After every step the figures must equal a
// sum over the ledger and nothing may be overspent.
import { and, asc, eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, budgets, expenses, ledgerEntries, mailOutbox } from "#db/schema.ts";
import { figuresFromLedger } from "#app/domain/budget.ts";
import { getBudgetFigures, getExpense } from "#app/models/budget.server.ts";
import type { User } from "#app/models/users.server.ts";
import {
  adjustBudget,
  approveExpense,
  cancelExpense,
  payExpense,
  recordCollegeDecision,
  rejectExpense,
  requestExpense,
  type ExpenseRequest,
} from "#app/utils/expenses.server.ts";
import { createUser } from "#test/factories.ts";

const address = "198.51.100.23";
const plain = (text: string) => text.replace(/\u00a0/g, " ").replace(/\s+/g, " ");

let coordinatorA: User;
let coordinatorB: User;
let admin: User;
let hr: User;

beforeAll(async () => {
  coordinatorA = await createUser({
    appRole: "coordinator",
    name: "Joris Bakker",
    email: "a@gilde.example",
  });
  coordinatorB = await createUser({
    appRole: "coordinator",
    name: "Annelies Visser",
    email: "b@gilde.example",
  });
  admin = await createUser({
    appRole: "admin",
    name: "Pieter Jansen",
    email: "beheer@gilde.example",
  });
  hr = await createUser({ appRole: "hr", name: "Fatima El Amrani", email: "po@gilde.example" });
  // People who must never get budget mail.
  await createUser({ appRole: "member", email: "lid@gilde.example" });
  await createUser({ appRole: "coordinator", status: "deactivated", email: "oud@gilde.example" });
});

let budgetCounter = 0;

/** A budget of its own per test, funded through adjustBudget as an allocation entry. */
function createBudget(amountCents: number, thresholdCents = 250_000): number {
  budgetCounter += 1;
  const budget = getDb()
    .insert(budgets)
    .values({
      name: `Testbudget ${budgetCounter}`,
      fundingSource: "Incidentele middelen",
      decisionDate: "2023-01-31",
      decisionReference: "Z.1 / D.1",
      startDate: "2023-02-01",
      endDate: "2027-12-31",
      significanceThresholdCents: thresholdCents,
    })
    .returning()
    .get();
  const funded = adjustBudget(budget.id, amountCents, "Toekenning", admin, address);
  expect(funded.ok).toBe(true);
  return budget.id;
}

/** The invariant after every step: the figures are the ledger's sums, and nothing is overspent. */
function expectConsistent(budgetId: number) {
  const db = getDb();
  const lines = db.select().from(ledgerEntries).where(eq(ledgerEntries.budgetId, budgetId)).all();
  const pending = db
    .select()
    .from(expenses)
    .where(and(eq(expenses.budgetId, budgetId), eq(expenses.status, "requested")))
    .all()
    .reduce((sum, row) => sum + row.amountCents, 0);
  const figures = getBudgetFigures(db, budgetId);
  expect(figures).toEqual(figuresFromLedger(lines, pending));
  expect(figures.availableCents).toBeGreaterThanOrEqual(0);
  return figures;
}

function ledgerOf(expenseId: number) {
  return getDb()
    .select({ type: ledgerEntries.type, amountCents: ledgerEntries.amountCents })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.expenseId, expenseId))
    .orderBy(asc(ledgerEntries.id))
    .all();
}

function lastMailId(): number {
  return (
    getDb().select({ id: mailOutbox.id }).from(mailOutbox).orderBy(asc(mailOutbox.id)).all().at(-1)
      ?.id ?? 0
  );
}

function mailsSince(mark: number) {
  return getDb()
    .select()
    .from(mailOutbox)
    .where(gt(mailOutbox.id, mark))
    .orderBy(asc(mailOutbox.id))
    .all();
}

function recipients(mails: { template: string; toAddress: string }[], template: string): string[] {
  return mails
    .filter((mail) => mail.template === template)
    .map((mail) => mail.toAddress)
    .sort();
}

function auditFor(expenseId: number, action: string) {
  const rows = getDb()
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.objectType, "expense"),
        eq(auditLog.objectId, String(expenseId)),
        eq(auditLog.action, action),
      ),
    )
    .all();
  return rows.map((row) => ({
    ...row,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  }));
}

function request(
  budgetId: number,
  amountCents: number,
  overrides: Partial<ExpenseRequest> = {},
): ExpenseRequest {
  return {
    budgetId,
    description: `Trainershonorarium ${amountCents}`,
    supplier: "Bureau Opgave & Omgeving",
    kind: "in_house",
    amountCents,
    ...overrides,
  };
}

async function requested(
  budgetId: number,
  amountCents: number,
  by: User = coordinatorA,
): Promise<number> {
  const result = await requestExpense(request(budgetId, amountCents), by, address);
  if (!result.ok) throw new Error(result.message);
  return result.value.expenseId;
}

async function approved(budgetId: number, amountCents: number): Promise<number> {
  const id = await requested(budgetId, amountCents);
  const result = await approveExpense(id, coordinatorB, address);
  if (!result.ok) throw new Error(result.message);
  return id;
}

describe("requestExpense", () => {
  it.each([
    { amount: 249_999, significant: false },
    { amount: 250_000, significant: true },
    { amount: 250_001, significant: true },
  ])(
    "flags $amount cents against a € 2.500,00 threshold as significant: $significant",
    async ({ amount, significant }) => {
      const budgetId = createBudget(1_500_000);
      const mark = lastMailId();
      const result = await requestExpense(request(budgetId, amount), coordinatorA, address);
      expect(result).toEqual({ ok: true, value: { expenseId: expect.any(Number), significant } });
      if (!result.ok) return;
      const expense = getExpense(getDb(), result.value.expenseId)!;
      expect(expense).toMatchObject({
        status: "requested",
        significant,
        requestedById: coordinatorA.id,
      });
      // A request is no money yet: only pending.
      expect(expectConsistent(budgetId)).toMatchObject({
        pendingCents: amount,
        committedCents: 0,
        availableCents: 1_500_000,
      });
      expect(ledgerOf(expense.id)).toEqual([]);

      const mails = mailsSince(mark);
      // Only the other active coordinator is asked to approve.
      expect(recipients(mails, "expense_requested")).toEqual([coordinatorB.email]);
      expect(recipients(mails, "expense_college")).toEqual(
        significant ? [admin.email, coordinatorA.email, coordinatorB.email].sort() : [],
      );
      for (const mail of mails) {
        expect(mail.text).toContain(`http://localhost:3000/uitgaven/${expense.id}`);
        expect(mail.html).toContain(`href="http://localhost:3000/uitgaven/${expense.id}"`);
        expect(mail.html + mail.text).not.toContain("nieuwe-uitgave-id");
      }
      const asked = mails.find((mail) => mail.template === "expense_requested")!;
      expect(plain(asked.text)).toContain(
        significant
          ? "Dit is een significante uitgave"
          : "een besluit van het college is niet nodig",
      );
      if (significant) {
        const college = mails.find((mail) => mail.template === "expense_college")!;
        expect(plain(college.text)).toContain("Grens voor significante uitgaven: € 2.500,00");
        expect(college.subject).toContain("Voorleggen aan het college");
      }

      expect(auditFor(expense.id, "expense_requested")).toMatchObject([
        {
          actorId: coordinatorA.id,
          origin: address,
          details: { after: { status: "requested", amountCents: amount, significant } },
        },
      ]);
    },
  );

  it("refuses an amount of zero and writes nothing", async () => {
    const budgetId = createBudget(100_000);
    const mark = lastMailId();
    const result = await requestExpense(request(budgetId, 0), coordinatorA, address);
    expect(result).toMatchObject({ ok: false, field: "amount" });
    expect(mailsSince(mark)).toEqual([]);
    expect(expectConsistent(budgetId).pendingCents).toBe(0);
  });
});

describe("approveExpense", () => {
  it("commits the amount, tells the requester and logs before and after", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 145_000);
    const mark = lastMailId();
    const result = await approveExpense(id, coordinatorB, address);
    expect(result).toEqual({ ok: true, value: { crossedWarning: false } });
    expect(getExpense(getDb(), id)).toMatchObject({
      status: "approved",
      decidedById: coordinatorB.id,
    });
    expect(ledgerOf(id)).toEqual([{ type: "commitment", amountCents: 145_000 }]);
    expect(expectConsistent(budgetId)).toMatchObject({
      committedCents: 145_000,
      pendingCents: 0,
      availableCents: 1_355_000,
    });

    const mails = mailsSince(mark);
    expect(mails.map((mail) => [mail.template, mail.toAddress])).toEqual([
      ["expense_decided", coordinatorA.email],
    ]);
    expect(mails[0]!.subject).toBe("Uw aanvraag is goedgekeurd: Trainershonorarium 145000");
    expect(plain(mails[0]!.text)).toContain("Annelies Visser heeft uw aanvraag goedgekeurd");

    expect(auditFor(id, "expense_approved")).toMatchObject([
      {
        actorId: coordinatorB.id,
        details: {
          before: { status: "requested", availableCents: 1_500_000 },
          after: { status: "approved", committedCents: 145_000, availableCents: 1_355_000 },
        },
      },
    ]);
  });

  it("refuses the requester's own approval and changes nothing", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 50_000);
    const mark = lastMailId();
    const result = await approveExpense(id, coordinatorA, address);
    expect(result).toEqual({
      ok: false,
      message: "U kunt uw eigen aanvraag niet goedkeuren; een andere coördinator moet dat doen.",
    });
    expect(getExpense(getDb(), id)).toMatchObject({ status: "requested", decidedById: null });
    expect(ledgerOf(id)).toEqual([]);
    expect(mailsSince(mark)).toEqual([]);
    expect(auditFor(id, "expense_approved")).toEqual([]);
    expectConsistent(budgetId);
  });

  it("refuses an approval beyond what is available, names the shortfall and leaves the ledger alone", async () => {
    const budgetId = createBudget(100_000);
    const first = await approved(budgetId, 60_000);
    const id = await requested(budgetId, 40_001);
    const ledgerBefore = getDb()
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.budgetId, budgetId))
      .all();
    const mark = lastMailId();
    const result = await approveExpense(id, coordinatorB, address);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(plain(result.message)).toBe(
      "Dit past niet in het budget: er is € 400,00 beschikbaar, er komt € 0,01 tekort.",
    );
    expect(
      getDb().select().from(ledgerEntries).where(eq(ledgerEntries.budgetId, budgetId)).all(),
    ).toEqual(ledgerBefore);
    expect(getExpense(getDb(), id)?.status).toBe("requested");
    expect(mailsSince(mark)).toEqual([]);
    expect(expectConsistent(budgetId)).toMatchObject({
      committedCents: 60_000,
      availableCents: 40_000,
    });
    expect(ledgerOf(first)).toHaveLength(1);
  });

  it("books an approval once, also when it is sent twice or twice at the same moment", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 20_000);
    const [one, two] = await Promise.all([
      approveExpense(id, coordinatorB, address),
      approveExpense(id, coordinatorB, address),
    ]);
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    const third = await approveExpense(id, coordinatorB, address);
    expect(third).toEqual({
      ok: false,
      message: "Dit kan niet meer: de uitgave is al goedgekeurd.",
    });
    expect(ledgerOf(id)).toEqual([{ type: "commitment", amountCents: 20_000 }]);
    expect(auditFor(id, "expense_approved")).toHaveLength(1);
    expect(expectConsistent(budgetId).committedCents).toBe(20_000);
  });
});

describe("rejectExpense", () => {
  it("rejects with the reason, tells the requester and books nothing", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 125_050);
    const mark = lastMailId();
    const result = await rejectExpense(
      id,
      "  Eerst de basistraining volgen.  ",
      coordinatorB,
      address,
    );
    expect(result).toEqual({ ok: true, value: undefined });
    expect(getExpense(getDb(), id)).toMatchObject({
      status: "rejected",
      decidedById: coordinatorB.id,
      decisionReason: "Eerst de basistraining volgen.",
    });
    expect(ledgerOf(id)).toEqual([]);
    const mails = mailsSince(mark);
    expect(mails.map((mail) => [mail.template, mail.toAddress])).toEqual([
      ["expense_decided", coordinatorA.email],
    ]);
    expect(plain(mails[0]!.text)).toContain("Toelichting: Eerst de basistraining volgen.");
    expect(auditFor(id, "expense_rejected")).toMatchObject([
      {
        details: {
          before: { status: "requested" },
          after: { status: "rejected" },
          reason: "Eerst de basistraining volgen.",
        },
      },
    ]);
    expect(expectConsistent(budgetId)).toMatchObject({
      pendingCents: 0,
      availableCents: 1_500_000,
    });
  });

  it("refuses without a reason, and refuses the requester's own rejection", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 10_000);
    const mark = lastMailId();
    expect(await rejectExpense(id, "   ", coordinatorB, address)).toMatchObject({
      ok: false,
      field: "reason",
    });
    expect(await rejectExpense(id, "Toch niet", coordinatorA, address)).toMatchObject({
      ok: false,
      message: "U kunt uw eigen aanvraag niet afwijzen; trek hem in met annuleren.",
    });
    expect(getExpense(getDb(), id)?.status).toBe("requested");
    expect(mailsSince(mark)).toEqual([]);
  });
});

describe("cancelExpense", () => {
  it("releases the commitment of an approved expense and tells the requester", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await approved(budgetId, 25_000);
    expect(expectConsistent(budgetId).availableCents).toBe(1_475_000);
    const mark = lastMailId();
    const result = await cancelExpense(id, "De gastspreker heeft afgezegd.", coordinatorB, address);
    expect(result.ok).toBe(true);
    expect(ledgerOf(id)).toEqual([
      { type: "commitment", amountCents: 25_000 },
      { type: "release", amountCents: 25_000 },
    ]);
    expect(expectConsistent(budgetId)).toMatchObject({
      committedCents: 0,
      availableCents: 1_500_000,
    });
    expect(recipients(mailsSince(mark), "expense_decided")).toEqual([coordinatorA.email]);
    expect(auditFor(id, "expense_cancelled")).toMatchObject([
      {
        details: {
          before: { status: "approved" },
          after: { status: "cancelled", releasedCents: 25_000 },
        },
      },
    ]);
    // Cancelled is final.
    expect((await cancelExpense(id, "Nog eens", coordinatorB, address)).ok).toBe(false);
    expect(ledgerOf(id)).toHaveLength(2);
  });

  it("withdraws one's own request without ledger entries and without telling oneself", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 65_000);
    const mark = lastMailId();
    expect((await cancelExpense(id, "Gildedag gaat niet door.", coordinatorA, address)).ok).toBe(
      true,
    );
    expect(getExpense(getDb(), id)).toMatchObject({ status: "cancelled", decidedById: null });
    expect(ledgerOf(id)).toEqual([]);
    expect(mailsSince(mark)).toEqual([]);
    expect(expectConsistent(budgetId).pendingCents).toBe(0);
  });
});

describe("payExpense", () => {
  it.each([
    {
      name: "the approved amount",
      paid: 135_000,
      entries: [
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
      ],
    },
    {
      name: "a lower invoice",
      paid: 130_050,
      entries: [
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
        { type: "correction", amountCents: -4_950 },
      ],
    },
    {
      name: "a higher invoice",
      paid: 141_500,
      entries: [
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
        { type: "correction", amountCents: 6_500 },
      ],
    },
  ])("books $name as actual, with a correction for the difference", async ({ paid, entries }) => {
    const budgetId = createBudget(1_500_000);
    const id = await approved(budgetId, 135_000);
    const mark = lastMailId();
    expect(await payExpense(id, paid, coordinatorB, address)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(getExpense(getDb(), id)).toMatchObject({ status: "paid", paidAmountCents: paid });
    expect(ledgerOf(id)).toEqual([{ type: "commitment", amountCents: 135_000 }, ...entries]);
    expect(expectConsistent(budgetId)).toMatchObject({
      committedCents: 0,
      actualCents: paid,
      availableCents: 1_500_000 - paid,
    });
    const mails = mailsSince(mark);
    expect(mails.map((mail) => [mail.template, mail.toAddress])).toEqual([
      ["expense_decided", coordinatorA.email],
    ]);
    expect(auditFor(id, "expense_paid")).toMatchObject([
      {
        details: {
          before: { status: "approved", committedCents: 135_000 },
          after: { status: "paid", actualCents: paid, correctionCents: paid - 135_000 },
        },
      },
    ]);
  });

  it("refuses a higher invoice whose extra does not fit, and writes nothing", async () => {
    const budgetId = createBudget(100_000);
    const id = await approved(budgetId, 90_000);
    const mark = lastMailId();
    const result = await payExpense(id, 100_001, coordinatorB, address);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(plain(result.message)).toBe(
        "Dit past niet in het budget: er is € 100,00 beschikbaar, er komt € 0,01 tekort.",
      );
    }
    expect(getExpense(getDb(), id)).toMatchObject({ status: "approved", paidAmountCents: null });
    expect(ledgerOf(id)).toEqual([{ type: "commitment", amountCents: 90_000 }]);
    expect(mailsSince(mark)).toEqual([]);
    expectConsistent(budgetId);
    // Exactly what is available still fits.
    expect((await payExpense(id, 100_000, coordinatorB, address)).ok).toBe(true);
    expect(expectConsistent(budgetId).availableCents).toBe(0);
  });

  it("refuses to pay a request that is not approved", async () => {
    const budgetId = createBudget(100_000);
    const id = await requested(budgetId, 10_000);
    expect(await payExpense(id, 10_000, coordinatorB, address)).toEqual({
      ok: false,
      message: "Dit kan nog niet: de uitgave moet eerst worden goedgekeurd.",
    });
    expect(ledgerOf(id)).toEqual([]);
  });
});

describe("the college decision on a significant expense", () => {
  const decision = { date: "2023-06-13", reference: "Z.184207 / D.1502318" };

  it("blocks the approval until the decision is recorded, then allows it", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 295_000);
    expect(getExpense(getDb(), id)?.significant).toBe(true);
    expect(await approveExpense(id, coordinatorB, address)).toEqual({
      ok: false,
      message: "Deze uitgave is significant: leg eerst het besluit van het college vast.",
    });
    expect(ledgerOf(id)).toEqual([]);

    const mark = lastMailId();
    expect(
      (await recordCollegeDecision(id, { outcome: "approved", ...decision }, coordinatorB, address))
        .ok,
    ).toBe(true);
    // An approval by the college is no decision for the requester yet: no mail.
    expect(mailsSince(mark)).toEqual([]);
    expect(getExpense(getDb(), id)).toMatchObject({
      status: "requested",
      collegeOutcome: "approved",
      collegeDecisionDate: "2023-06-13",
      collegeReference: decision.reference,
      collegeRecordedById: coordinatorB.id,
    });
    expect(auditFor(id, "expense_college_decision")).toMatchObject([
      {
        details: {
          before: { status: "requested", collegeOutcome: null },
          after: { status: "requested", collegeOutcome: "approved", reference: decision.reference },
        },
      },
    ]);

    expect(
      await recordCollegeDecision(id, { outcome: "rejected", ...decision }, coordinatorB, address),
    ).toEqual({
      ok: false,
      message: "Het besluit van het college is al vastgelegd.",
    });
    expect((await approveExpense(id, coordinatorB, address)).ok).toBe(true);
    expect(ledgerOf(id)).toEqual([{ type: "commitment", amountCents: 295_000 }]);
    expectConsistent(budgetId);
  });

  it("ends the request when the college rejects it, and tells the requester", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 300_000);
    const mark = lastMailId();
    expect(
      (await recordCollegeDecision(id, { outcome: "rejected", ...decision }, coordinatorB, address))
        .ok,
    ).toBe(true);
    expect(getExpense(getDb(), id)).toMatchObject({
      status: "rejected",
      collegeOutcome: "rejected",
    });
    const mails = mailsSince(mark);
    expect(mails.map((mail) => [mail.template, mail.toAddress])).toEqual([
      ["expense_decided", coordinatorA.email],
    ]);
    expect(plain(mails[0]!.text)).toContain(
      "Het college heeft de uitgave op 13 juni 2023 afgewezen (Z.184207 / D.1502318).",
    );
    expect(await approveExpense(id, coordinatorB, address)).toEqual({
      ok: false,
      message: "Dit kan niet meer: de uitgave is al afgewezen.",
    });
    expect(expectConsistent(budgetId)).toMatchObject({ pendingCents: 0, committedCents: 0 });
  });

  it("refuses a decision for an expense that is not significant", async () => {
    const budgetId = createBudget(1_500_000);
    const id = await requested(budgetId, 249_999);
    expect(
      await recordCollegeDecision(id, { outcome: "approved", ...decision }, coordinatorB, address),
    ).toEqual({
      ok: false,
      message: "Alleen significante uitgaven gaan naar het college.",
    });
    expect(getExpense(getDb(), id)?.collegeOutcome).toBeNull();
  });
});

describe("adjustBudget", () => {
  it("lowers the budget within what is available and refuses to go below what is used", async () => {
    const budgetId = createBudget(100_000);
    await approved(budgetId, 70_000);
    const refused = adjustBudget(budgetId, -30_001, "Bezuiniging", admin, address);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(plain(refused.message)).toBe(
        "Dit past niet in het budget: er is € 300,00 beschikbaar, er komt € 0,01 tekort.",
      );
    }
    expect(expectConsistent(budgetId).budgetCents).toBe(100_000);

    expect(adjustBudget(budgetId, -30_000, "Bezuiniging", admin, address).ok).toBe(true);
    expect(expectConsistent(budgetId)).toMatchObject({ budgetCents: 70_000, availableCents: 0 });
    expect(adjustBudget(budgetId, 0, "Niets", admin, address)).toMatchObject({
      ok: false,
      field: "amount",
    });

    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "budget_adjusted"), eq(auditLog.objectId, String(budgetId))))
      .all()
      .map((row) => JSON.parse(row.details!) as { before: unknown; after: unknown });
    expect(audit.at(-1)).toMatchObject({
      before: { budgetCents: 100_000 },
      after: { budgetCents: 70_000 },
    });
  });
});

describe("the 80 % warning", () => {
  it("goes out once, to the coordinators and P&O, when an approval takes use past 80 %", async () => {
    const budgetId = createBudget(100_000);
    await approved(budgetId, 70_000);
    const below = await requested(budgetId, 9_999);
    const crossing = await requested(budgetId, 1);
    const after = await requested(budgetId, 5_000);

    let mark = lastMailId();
    expect(await approveExpense(below, coordinatorB, address)).toEqual({
      ok: true,
      value: { crossedWarning: false },
    });
    expect(recipients(mailsSince(mark), "budget_warning")).toEqual([]);

    mark = lastMailId();
    expect(await approveExpense(crossing, coordinatorB, address)).toEqual({
      ok: true,
      value: { crossedWarning: true },
    });
    const warnings = mailsSince(mark).filter((mail) => mail.template === "budget_warning");
    expect(warnings.map((mail) => mail.toAddress).sort()).toEqual(
      [coordinatorA.email, coordinatorB.email, hr.email].sort(),
    );
    const text = plain(warnings[0]!.text);
    expect(text).toContain("Beschikbaar: € 200,00");
    expect(text).toContain("Verplicht (goedgekeurd, nog niet betaald): € 800,00");
    expect(text).toContain("http://localhost:3000/budget");
    expect(warnings[0]!.subject).toBe(`Testbudget ${budgetCounter}: 80% of meer in gebruik`);

    mark = lastMailId();
    expect(await approveExpense(after, coordinatorB, address)).toEqual({
      ok: true,
      value: { crossedWarning: false },
    });
    expect(recipients(mailsSince(mark), "budget_warning")).toEqual([]);
    expectConsistent(budgetId);
  });

  it("also goes out when a higher invoice takes use past 80 %", async () => {
    const budgetId = createBudget(100_000);
    const id = await approved(budgetId, 79_000);
    const mark = lastMailId();
    expect((await payExpense(id, 80_500, coordinatorB, address)).ok).toBe(true);
    const mails = mailsSince(mark);
    expect(recipients(mails, "budget_warning")).toEqual(
      [coordinatorA.email, coordinatorB.email, hr.email].sort(),
    );
    expect(plain(mails.find((mail) => mail.template === "budget_warning")!.text)).toContain(
      "Gerealiseerd (betaald): € 805,00",
    );
    expect(recipients(mails, "expense_decided")).toEqual([coordinatorA.email]);
    expectConsistent(budgetId);
  });

  it("is sent once, with the final figures, when two approvals decide at the same moment", async () => {
    // 70 %, then 5 % + 5 %: neither approval crosses on the figures read before it, but the second to
    // commit does. It renders the warning again from the fresh figures instead of sending none.
    const budgetId = createBudget(100_000);
    await approved(budgetId, 70_000);
    const one = await requested(budgetId, 5_000);
    const two = await requested(budgetId, 5_000);
    const mark = lastMailId();
    const results = await Promise.all([
      approveExpense(one, coordinatorB, address),
      approveExpense(two, coordinatorB, address),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(results.filter((result) => result.ok && result.value.crossedWarning)).toHaveLength(1);
    const warnings = mailsSince(mark).filter((mail) => mail.template === "budget_warning");
    expect(warnings.map((mail) => mail.toAddress).sort()).toEqual(
      [coordinatorA.email, coordinatorB.email, hr.email].sort(),
    );
    for (const warning of warnings) expect(plain(warning.text)).toContain("Beschikbaar: € 200,00");
    expect(expectConsistent(budgetId).committedCents).toBe(80_000);
  });
});

describe("without notification (the demo seed)", () => {
  it("writes the same decisions and queues no mail", async () => {
    const budgetId = createBudget(100_000);
    const mark = lastMailId();
    const now = new Date("2024-04-08T09:00:00Z");
    const quiet = { notify: false };
    const result = await requestExpense(
      request(budgetId, 85_000),
      coordinatorA,
      "seed",
      now,
      quiet,
    );
    if (!result.ok) throw new Error(result.message);
    const id = result.value.expenseId;
    expect(
      (await approveExpense(id, coordinatorB, "seed", new Date("2024-04-10T09:00:00Z"), quiet)).ok,
    ).toBe(true);
    expect(
      (await payExpense(id, 86_000, coordinatorB, "seed", new Date("2024-06-14T09:00:00Z"), quiet))
        .ok,
    ).toBe(true);
    expect(mailsSince(mark)).toEqual([]);
    expect(getExpense(getDb(), id)).toMatchObject({
      requestedAt: "2024-04-08T09:00:00.000Z",
      decidedAt: "2024-04-10T09:00:00.000Z",
      paidAt: "2024-06-14T09:00:00.000Z",
    });
    const at = getDb()
      .select({ at: ledgerEntries.at })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.expenseId, id))
      .all()
      .map((row) => row.at);
    expect(at).toEqual([
      "2024-04-10T09:00:00.000Z",
      "2024-06-14T09:00:00.000Z",
      "2024-06-14T09:00:00.000Z",
      "2024-06-14T09:00:00.000Z",
    ]);
    expect(expectConsistent(budgetId)).toMatchObject({
      actualCents: 86_000,
      availableCents: 14_000,
    });
  });
});
