// The budget rules without a database: figures, significance, the state machine, four eyes, the
// college rule, the hard stop, the 80 % warning, the ledger entries per decision and the pace.
import { describe, expect, it } from "vitest";
import type { ExpenseStatus } from "#db/schema.ts";
import {
  checkFits,
  checkTransition,
  entriesForApproval,
  entriesForCancellation,
  entriesForPayment,
  extraForPayment,
  figuresFromLedger,
  isSignificant,
  paceAvailable,
  projectCommitment,
  projectedRunOut,
  projectPayment,
  type BudgetFigures,
  type ExpenseAction,
  type ExpenseState,
  type LedgerLine,
  type RefusalCode,
} from "#app/domain/budget.ts";

/** Intl puts a no-break space between "€" and the amount; the tests read it as a plain space. */
const plain = (text: string) => text.replace(/\u00a0/g, " ");

const REQUESTER = 1;
const OTHER = 2;

function expense(overrides: Partial<ExpenseState> = {}): ExpenseState {
  return {
    status: "requested",
    significant: false,
    collegeOutcome: null,
    requestedById: REQUESTER,
    amountCents: 10_000,
    ...overrides,
  };
}

function figures(budgetCents: number, committedCents: number, actualCents: number): BudgetFigures {
  return {
    budgetCents,
    committedCents,
    actualCents,
    pendingCents: 0,
    availableCents: budgetCents - committedCents - actualCents,
  };
}

describe("figuresFromLedger", () => {
  const cases: { name: string; lines: LedgerLine[]; pending: number; expected: BudgetFigures }[] = [
    { name: "an empty ledger", lines: [], pending: 0, expected: figures(0, 0, 0) },
    {
      name: "the allocation only",
      lines: [{ type: "allocation", amountCents: 1_500_000 }],
      pending: 25_000,
      expected: { ...figures(1_500_000, 0, 0), pendingCents: 25_000 },
    },
    {
      name: "two approvals",
      lines: [
        { type: "allocation", amountCents: 1_500_000 },
        { type: "commitment", amountCents: 145_000 },
        { type: "commitment", amountCents: 9_500 },
      ],
      pending: 0,
      expected: figures(1_500_000, 154_500, 0),
    },
    {
      name: "an approval cancelled (release)",
      lines: [
        { type: "allocation", amountCents: 1_500_000 },
        { type: "commitment", amountCents: 25_000 },
        { type: "release", amountCents: 25_000 },
      ],
      pending: 0,
      expected: figures(1_500_000, 0, 0),
    },
    {
      name: "a payment of the approved amount",
      lines: [
        { type: "allocation", amountCents: 1_500_000 },
        { type: "commitment", amountCents: 135_000 },
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
      ],
      pending: 0,
      expected: figures(1_500_000, 0, 135_000),
    },
    {
      name: "a higher invoice (positive correction) and a lower one (negative correction)",
      lines: [
        { type: "allocation", amountCents: 1_500_000 },
        { type: "commitment", amountCents: 135_000 },
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
        { type: "correction", amountCents: 6_500 },
        { type: "commitment", amountCents: 9_500 },
        { type: "release", amountCents: 9_500 },
        { type: "actual", amountCents: 9_500 },
        { type: "correction", amountCents: -650 },
      ],
      pending: 0,
      expected: figures(1_500_000, 0, 135_000 + 6_500 + 9_500 - 650),
    },
    {
      name: "a budget lowered and raised again, with an open commitment",
      lines: [
        { type: "allocation", amountCents: 1_500_000 },
        { type: "allocation", amountCents: -200_000 },
        { type: "allocation", amountCents: 50_000 },
        { type: "commitment", amountCents: 110_000 },
      ],
      pending: 145_000,
      expected: { ...figures(1_350_000, 110_000, 0), pendingCents: 145_000 },
    },
  ];

  it.each(cases)("$name", ({ lines, pending, expected }) => {
    expect(figuresFromLedger(lines, pending)).toEqual(expected);
  });
});

describe("isSignificant", () => {
  const threshold = 250_000;
  it.each([
    { amount: threshold - 1, significant: false },
    { amount: threshold, significant: true },
    { amount: threshold + 1, significant: true },
  ])("€ 2.500,00 threshold, amount $amount cents → $significant", ({ amount, significant }) => {
    expect(isSignificant(amount, threshold)).toBe(significant);
  });
});

describe("checkTransition: every action in every status", () => {
  // The expense is kept such that only the status decides: not significant (the college action needs
  // a significant one to get past its own rule), the actor is another coordinator.
  const table: [ExpenseAction, ExpenseStatus, "ok" | RefusalCode][] = [
    ["approve", "requested", "ok"],
    ["approve", "approved", "not_allowed_in_state"],
    ["approve", "rejected", "not_allowed_in_state"],
    ["approve", "paid", "not_allowed_in_state"],
    ["approve", "cancelled", "not_allowed_in_state"],
    ["reject", "requested", "ok"],
    ["reject", "approved", "not_allowed_in_state"],
    ["reject", "rejected", "not_allowed_in_state"],
    ["reject", "paid", "not_allowed_in_state"],
    ["reject", "cancelled", "not_allowed_in_state"],
    ["cancel", "requested", "ok"],
    ["cancel", "approved", "ok"],
    ["cancel", "rejected", "not_allowed_in_state"],
    ["cancel", "paid", "not_allowed_in_state"],
    ["cancel", "cancelled", "not_allowed_in_state"],
    ["pay", "requested", "not_allowed_in_state"],
    ["pay", "approved", "ok"],
    ["pay", "rejected", "not_allowed_in_state"],
    ["pay", "paid", "not_allowed_in_state"],
    ["pay", "cancelled", "not_allowed_in_state"],
    ["record_college_decision", "requested", "ok"],
    ["record_college_decision", "approved", "not_allowed_in_state"],
    ["record_college_decision", "rejected", "not_allowed_in_state"],
    ["record_college_decision", "paid", "not_allowed_in_state"],
    ["record_college_decision", "cancelled", "not_allowed_in_state"],
  ];

  it.each(table)("%s from %s → %s", (action, status, expected) => {
    const state = expense({ status, significant: action === "record_college_decision" });
    const verdict = checkTransition(state, action, OTHER);
    if (expected === "ok") {
      expect(verdict).toEqual({ ok: true });
    } else {
      expect(verdict).toMatchObject({ ok: false, code: expected });
      if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(10);
    }
  });

  it("says 'no longer' for a finished expense and 'not yet' for paying a request", () => {
    const paidTwice = checkTransition(expense({ status: "paid" }), "pay", OTHER);
    const payRequest = checkTransition(expense({ status: "requested" }), "pay", OTHER);
    expect(paidTwice.ok ? "" : paidTwice.message).toBe(
      "Dit kan niet meer: de uitgave is al betaald.",
    );
    expect(payRequest.ok ? "" : payRequest.message).toBe(
      "Dit kan nog niet: de uitgave moet eerst worden goedgekeurd.",
    );
  });
});

describe("four eyes", () => {
  it.each([
    { action: "approve" as const, actor: REQUESTER, expected: "own_request" },
    { action: "reject" as const, actor: REQUESTER, expected: "own_request" },
    { action: "approve" as const, actor: OTHER, expected: "ok" },
    { action: "reject" as const, actor: OTHER, expected: "ok" },
    // Withdrawing one's own request is not deciding on it.
    { action: "cancel" as const, actor: REQUESTER, expected: "ok" },
  ])("$action by actor $actor → $expected", ({ action, actor, expected }) => {
    const verdict = checkTransition(expense(), action, actor);
    expect(verdict.ok ? "ok" : verdict.code).toBe(expected);
  });
});

describe("the college rule for significant expenses", () => {
  it.each([
    {
      name: "approve a significant request without a decision",
      state: expense({ significant: true }),
      action: "approve" as const,
      expected: "college_decision_missing",
    },
    {
      name: "approve a significant request the college approved",
      state: expense({ significant: true, collegeOutcome: "approved" }),
      action: "approve" as const,
      expected: "ok",
    },
    {
      name: "approve a significant request the college rejected",
      state: expense({ significant: true, collegeOutcome: "rejected" }),
      action: "approve" as const,
      expected: "college_rejected",
    },
    {
      name: "approve after the college's rejection ended the request",
      state: expense({ status: "rejected", significant: true, collegeOutcome: "rejected" }),
      action: "approve" as const,
      expected: "not_allowed_in_state",
    },
    {
      name: "record a decision on a significant request",
      state: expense({ significant: true }),
      action: "record_college_decision" as const,
      expected: "ok",
    },
    {
      name: "record a decision a second time",
      state: expense({ significant: true, collegeOutcome: "approved" }),
      action: "record_college_decision" as const,
      expected: "college_already_decided",
    },
    {
      name: "record a decision on a request that is not significant",
      state: expense(),
      action: "record_college_decision" as const,
      expected: "not_significant",
    },
    {
      name: "reject a significant request before the college decided",
      state: expense({ significant: true }),
      action: "reject" as const,
      expected: "ok",
    },
  ])("$name → $expected", ({ state, action, expected }) => {
    const verdict = checkTransition(state, action, OTHER);
    expect(verdict.ok ? "ok" : verdict.code).toBe(expected);
  });
});

describe("checkFits: the hard stop at zero", () => {
  const available = 100_000;
  it.each([
    { amount: available - 1, ok: true },
    { amount: available, ok: true },
  ])("€ 1.000,00 available, amount $amount cents fits", ({ amount, ok }) => {
    expect(checkFits(available, amount).ok).toBe(ok);
  });

  it.each([
    { available, amount: available + 1, shortfall: "€ 0,01", availableText: "€ 1.000,00" },
    { available: 0, amount: 250_050, shortfall: "€ 2.500,50", availableText: "€ 0,00" },
  ])("refuses $amount cents with $available available, saying $shortfall short", (row) => {
    const verdict = checkFits(row.available, row.amount);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toBe("shortfall");
    expect(plain(verdict.message)).toBe(
      `Dit past niet in het budget: er is ${row.availableText} beschikbaar, er komt ${row.shortfall} tekort.`,
    );
  });
});

describe("projectCommitment: the 80 % warning", () => {
  const budget = 1_000_000;
  it.each([
    { name: "stays below", used: 700_000, amount: 99_999, crosses: false, above: false },
    { name: "reaches exactly 80 %", used: 700_000, amount: 100_000, crosses: true, above: true },
    { name: "jumps over 80 %", used: 790_000, amount: 100_000, crosses: true, above: true },
    { name: "was already at 80 %", used: 800_000, amount: 10_000, crosses: false, above: true },
    { name: "was already above", used: 850_000, amount: 10_000, crosses: false, above: true },
  ])("$name", ({ used, amount, crosses, above }) => {
    const before = figures(budget, used, 0);
    const projection = projectCommitment(before, amount);
    expect(projection.crossesWarning).toBe(crosses);
    expect(projection.aboveWarning).toBe(above);
    expect(projection.after).toEqual(figures(budget, used + amount, 0));
    expect(projection.shortfallCents).toBe(0);
  });

  it("reports the shortfall of an amount that does not fit", () => {
    expect(projectCommitment(figures(budget, 990_000, 0), 10_001).shortfallCents).toBe(1);
    expect(projectCommitment(figures(budget, 990_000, 0), 10_000).shortfallCents).toBe(0);
  });

  it("never warns on an empty budget", () => {
    expect(projectCommitment(figures(0, 0, 0), 1).crossesWarning).toBe(false);
  });
});

describe("projectPayment", () => {
  const budget = 1_000_000;
  it.each([
    { name: "equal invoice changes nothing in use", paid: 90_000, crosses: false, extra: 0 },
    { name: "lower invoice frees money", paid: 80_000, crosses: false, extra: 0 },
    { name: "higher invoice takes use past 80 %", paid: 100_000, crosses: true, extra: 10_000 },
  ])("$name", ({ paid, crosses, extra }) => {
    // 710.000 used: 90.000 of it is the commitment being paid.
    const before = figures(budget, 90_000, 700_000);
    const projection = projectPayment(before, 90_000, paid);
    expect(projection.after).toEqual(figures(budget, 0, 700_000 + paid));
    expect(projection.crossesWarning).toBe(crosses);
    expect(extraForPayment(90_000, paid)).toBe(extra);
  });
});

describe("ledger entries per decision", () => {
  it("an approval commits the whole amount", () => {
    expect(entriesForApproval(135_000)).toEqual([{ type: "commitment", amountCents: 135_000 }]);
  });

  it.each([
    { status: "approved" as const, expected: [{ type: "release", amountCents: 25_000 }] },
    { status: "requested" as const, expected: [] },
  ])("cancelling a $status expense", ({ status, expected }) => {
    expect(entriesForCancellation(status, 25_000)).toEqual(expected);
  });

  it.each([
    {
      name: "equal invoice",
      paid: 135_000,
      expected: [
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
      ],
    },
    {
      name: "lower invoice",
      paid: 130_050,
      expected: [
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
        { type: "correction", amountCents: -4_950 },
      ],
    },
    {
      name: "higher invoice",
      paid: 141_500,
      expected: [
        { type: "release", amountCents: 135_000 },
        { type: "actual", amountCents: 135_000 },
        { type: "correction", amountCents: 6_500 },
      ],
    },
  ])("entriesForPayment: $name", ({ paid, expected }) => {
    const entries = entriesForPayment(135_000, paid);
    expect(entries).toEqual(expected);
    // Whatever the invoice, the commitment is gone and the actual is what was paid.
    const after = figuresFromLedger([{ type: "commitment", amountCents: 135_000 }, ...entries], 0);
    expect(after.committedCents).toBe(0);
    expect(after.actualCents).toBe(paid);
  });
});

describe("paceAvailable", () => {
  // Ten days, € 1.000,00: the pace line drops € 100,00 a day.
  const start = new Date("2024-01-01T00:00:00Z");
  const end = new Date("2024-01-11T00:00:00Z");
  it.each([
    { name: "before the start", at: "2023-12-01T00:00:00Z", expected: 100_000 },
    { name: "at the start", at: "2024-01-01T00:00:00Z", expected: 100_000 },
    { name: "after two and a half days", at: "2024-01-03T12:00:00Z", expected: 75_000 },
    { name: "in the middle", at: "2024-01-06T00:00:00Z", expected: 50_000 },
    { name: "at the end", at: "2024-01-11T00:00:00Z", expected: 0 },
    { name: "after the end", at: "2024-03-01T00:00:00Z", expected: 0 },
  ])("$name", ({ at, expected }) => {
    expect(paceAvailable(100_000, start, end, new Date(at))).toBe(expected);
  });

  it("is 0 for a period without length", () => {
    expect(paceAvailable(100_000, start, start, start)).toBe(0);
  });
});

describe("projectedRunOut", () => {
  const start = new Date("2024-01-01T00:00:00Z");
  const end = new Date("2024-12-31T00:00:00Z");
  const now = new Date("2024-01-11T00:00:00Z"); // 10 days in

  it("is null when nothing is used yet", () => {
    expect(
      projectedRunOut(
        { availableCents: 100_000, committedCents: 0, actualCents: 0 },
        start,
        end,
        now,
      ),
    ).toBeNull();
  });

  it("is the day the money runs out at the pace so far", () => {
    // € 200,00 used in 10 days = € 20,00 a day; € 800,00 left lasts 40 more days: 20 February.
    const runOut = projectedRunOut(
      { availableCents: 80_000, committedCents: 5_000, actualCents: 15_000 },
      start,
      end,
      now,
    );
    expect(runOut?.toISOString()).toBe("2024-02-20T00:00:00.000Z");
  });

  it("is null when the money lasts beyond the end of the period", () => {
    const shortPeriodEnd = new Date("2024-02-01T00:00:00Z");
    expect(
      projectedRunOut(
        { availableCents: 80_000, committedCents: 5_000, actualCents: 15_000 },
        start,
        shortPeriodEnd,
        now,
      ),
    ).toBeNull();
  });

  it("is now when nothing is available any more", () => {
    expect(
      projectedRunOut(
        { availableCents: 0, committedCents: 40_000, actualCents: 60_000 },
        start,
        end,
        now,
      ),
    ).toEqual(now);
  });

  it("is null before the period has started", () => {
    expect(
      projectedRunOut(
        { availableCents: 80_000, committedCents: 20_000, actualCents: 0 },
        start,
        end,
        start,
      ),
    ).toBeNull();
  });
});
