// Expense decisions. Each one re-reads the expense and the balance and writes its state change,
// ledger entries, audit row and mail in one IMMEDIATE transaction with a synchronous callback.
import { writeTransaction, type Db } from "#db/client.server.ts";
import type { CollegeDecisionOutcome, ExpenseKind } from "#db/schema.ts";
import {
  checkFits,
  checkTransition,
  entriesForApproval,
  entriesForCancellation,
  entriesForPayment,
  extraForPayment,
  isSignificant,
  projectCommitment,
  type ExpenseAction,
} from "#app/domain/budget.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import {
  appendLedgerEntries,
  getBudget,
  getBudgetFigures,
  getExpense,
  insertExpense,
  updateExpense,
  type Expense,
} from "#app/models/budget.server.ts";
import type { FlowResult } from "./account.server.ts";

export type Actor = { id: number; name: string; departmentId: number | null; ogwRole: OgwRole };

export type ExpenseRequest = {
  budgetId: number;
  description: string;
  supplier: string;
  kind: ExpenseKind;
  amountCents: number;
  courseId?: number | null;
  sessionId?: number | null;
};

type Outcome<T = undefined> = FlowResult<T>;

const notFound = { ok: false as const, message: "Deze uitgave bestaat niet." };

export function requestExpense(
  input: ExpenseRequest,
  actor: Actor,
  address: string,
  now = new Date(),
): Outcome<{ expenseId: number; significant: boolean }> {
  return writeTransaction((tx) => {
    const budget = getBudget(tx, input.budgetId);
    if (!budget) return { ok: false as const, message: "Dit budget bestaat niet." };
    const significant = isSignificant(input.amountCents, budget.significanceThresholdCents);
    const expense = insertExpense(tx, {
      budgetId: budget.id,
      description: input.description,
      supplier: input.supplier,
      kind: input.kind,
      amountCents: input.amountCents,
      courseId: input.courseId ?? null,
      sessionId: input.sessionId ?? null,
      requestedById: actor.id,
      departmentId: actor.departmentId,
      ogwRole: actor.ogwRole,
      status: "requested",
      significant,
      requestedAt: now.toISOString(),
    });
    audit(tx, actor, address, now, expense.id, "expense_requested", {
      after: { amountCents: input.amountCents, significant, status: "requested" },
    });
    return { ok: true as const, value: { expenseId: expense.id, significant } };
  });
}

function audit(
  tx: Db,
  actor: { id: number },
  address: string,
  now: Date,
  expenseId: number,
  action: string,
  details: Record<string, unknown>,
) {
  recordAudit(tx, {
    actorId: actor.id,
    action,
    objectType: "expense",
    objectId: expenseId,
    result: "success",
    origin: address,
    details,
    at: now,
  });
}

/** Runs the state check on freshly read data; returns the expense or the refusal. */
function loadFor(tx: Db, expenseId: number, action: ExpenseAction, actorId: number): Outcome<Expense> {
  const expense = getExpense(tx, expenseId);
  if (!expense) return notFound;
  const verdict = checkTransition(expense, action, actorId);
  if (!verdict.ok) return { ok: false, message: verdict.message };
  return { ok: true, value: expense };
}

export function approveExpense(
  expenseId: number,
  actor: Actor,
  address: string,
  now = new Date(),
): Outcome<{ crossedWarning: boolean }> {
  return writeTransaction((tx) => {
    const loaded = loadFor(tx, expenseId, "approve", actor.id);
    if (!loaded.ok) return loaded;
    const expense = loaded.value;
    const before = getBudgetFigures(tx, expense.budgetId);
    const fits = checkFits(before.availableCents, expense.amountCents);
    if (!fits.ok) return { ok: false as const, message: fits.message };
    const projection = projectCommitment(before, expense.amountCents);
    updateExpense(tx, expense.id, { status: "approved", decidedById: actor.id, decidedAt: now.toISOString() }, now);
    appendLedgerEntries(tx, entriesForApproval(expense.amountCents), {
      budgetId: expense.budgetId,
      expenseId: expense.id,
      reason: `Goedgekeurd: ${expense.description}`,
      createdById: actor.id,
      at: now,
    });
    audit(tx, actor, address, now, expense.id, "expense_approved", {
      before: { status: "requested" },
      after: { status: "approved", committedCents: expense.amountCents },
    });
    return { ok: true as const, value: { crossedWarning: projection.crossesWarning } };
  });
}

export function rejectExpense(
  expenseId: number,
  reason: string,
  actor: Actor,
  address: string,
  now = new Date(),
): Outcome {
  return writeTransaction((tx) => {
    const loaded = loadFor(tx, expenseId, "reject", actor.id);
    if (!loaded.ok) return loaded;
    updateExpense(
      tx,
      expenseId,
      { status: "rejected", decidedById: actor.id, decidedAt: now.toISOString(), decisionReason: reason },
      now,
    );
    audit(tx, actor, address, now, expenseId, "expense_rejected", {
      before: { status: "requested" },
      after: { status: "rejected" },
      reason,
    });
    return { ok: true as const, value: undefined };
  });
}

export function cancelExpense(
  expenseId: number,
  reason: string,
  actor: Actor,
  address: string,
  now = new Date(),
): Outcome {
  return writeTransaction((tx) => {
    const loaded = loadFor(tx, expenseId, "cancel", actor.id);
    if (!loaded.ok) return loaded;
    const expense = loaded.value;
    updateExpense(tx, expenseId, { status: "cancelled", decisionReason: reason }, now);
    appendLedgerEntries(tx, entriesForCancellation(expense.status, expense.amountCents), {
      budgetId: expense.budgetId,
      expenseId,
      reason: `Geannuleerd: ${reason}`,
      createdById: actor.id,
      at: now,
    });
    audit(tx, actor, address, now, expenseId, "expense_cancelled", {
      before: { status: expense.status },
      after: { status: "cancelled" },
      reason,
    });
    return { ok: true as const, value: undefined };
  });
}

export function payExpense(
  expenseId: number,
  paidCents: number,
  actor: Actor,
  address: string,
  now = new Date(),
): Outcome {
  return writeTransaction((tx) => {
    const loaded = loadFor(tx, expenseId, "pay", actor.id);
    if (!loaded.ok) return loaded;
    const expense = loaded.value;
    const extra = extraForPayment(expense.amountCents, paidCents);
    if (extra > 0) {
      const fits = checkFits(getBudgetFigures(tx, expense.budgetId).availableCents, extra);
      if (!fits.ok) return { ok: false as const, message: fits.message };
    }
    updateExpense(tx, expenseId, { status: "paid", paidAmountCents: paidCents, paidAt: now.toISOString() }, now);
    appendLedgerEntries(tx, entriesForPayment(expense.amountCents, paidCents), {
      budgetId: expense.budgetId,
      expenseId,
      reason: `Betaald: ${expense.description}`,
      createdById: actor.id,
      at: now,
    });
    audit(tx, actor, address, now, expenseId, "expense_paid", {
      before: { status: "approved", committedCents: expense.amountCents },
      after: { status: "paid", actualCents: paidCents },
    });
    return { ok: true as const, value: undefined };
  });
}

export type CollegeDecisionInput = { outcome: CollegeDecisionOutcome; date: string; reference: string };

export function recordCollegeDecision(
  expenseId: number,
  decision: CollegeDecisionInput,
  actor: Actor,
  address: string,
  now = new Date(),
): Outcome {
  return writeTransaction((tx) => {
    const loaded = loadFor(tx, expenseId, "record_college_decision", actor.id);
    if (!loaded.ok) return loaded;
    const rejected = decision.outcome === "rejected";
    updateExpense(
      tx,
      expenseId,
      {
        collegeOutcome: decision.outcome,
        collegeDecisionDate: decision.date,
        collegeReference: decision.reference,
        collegeRecordedById: actor.id,
        // A rejection by the college ends the request; an approval leaves it to a coordinator.
        ...(rejected ? { status: "rejected" as const, decisionReason: `College: afgewezen (${decision.reference})` } : {}),
      },
      now,
    );
    audit(tx, actor, address, now, expenseId, "expense_college_decision", {
      after: { collegeOutcome: decision.outcome, date: decision.date, reference: decision.reference },
    });
    return { ok: true as const, value: undefined };
  });
}

/** Raises or lowers the budget (an allocation entry); never below what is already used. */
export function adjustBudget(
  budgetId: number,
  amountCents: number,
  reason: string,
  actor: { id: number },
  address: string,
  now = new Date(),
): Outcome {
  return writeTransaction((tx) => {
    if (!getBudget(tx, budgetId)) return { ok: false as const, message: "Dit budget bestaat niet." };
    const before = getBudgetFigures(tx, budgetId);
    if (amountCents < 0) {
      const fits = checkFits(before.availableCents, -amountCents);
      if (!fits.ok) return { ok: false as const, message: fits.message };
    }
    appendLedgerEntries(tx, [{ type: "allocation", amountCents }], {
      budgetId,
      expenseId: null,
      reason,
      createdById: actor.id,
      at: now,
    });
    recordAudit(tx, {
      actorId: actor.id,
      action: "budget_adjusted",
      objectType: "budget",
      objectId: budgetId,
      result: "success",
      origin: address,
      details: { before: { budgetCents: before.budgetCents }, after: { budgetCents: before.budgetCents + amountCents }, reason },
      at: now,
    });
    return { ok: true as const, value: undefined };
  });
}
