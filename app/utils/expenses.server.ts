// Expense decisions. Each one renders the mail it may send first (rendering is async and a write
// transaction must not wait), then re-reads the expense and the balance and writes its state
// change, ledger entries, audit row and the mail that still applies in one IMMEDIATE transaction
// with a synchronous callback.
import { getDb, writeTransaction, type Db } from "#db/client.server.ts";
import type { CollegeDecisionOutcome, ExpenseKind } from "#db/schema.ts";
import {
  checkFits,
  checkTransition,
  entriesForApproval,
  entriesForCancellation,
  entriesForPayment,
  expenseKindLabels,
  extraForPayment,
  isSignificant,
  projectCommitment,
  projectPayment,
  type BudgetFigures,
  type ExpenseAction,
} from "#app/domain/budget.ts";
import { formatEuro } from "#app/domain/money.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import { queueMail, type RenderedMail } from "#app/mail/outbox.server.ts";
import {
  renderBudgetWarningMail,
  renderExpenseCollegeMail,
  renderExpenseDecidedMail,
  renderExpenseRequestedMail,
} from "#app/mail/templates.server.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import {
  activeUsersWithRoles,
  appendLedgerEntries,
  getBudget,
  getBudgetFigures,
  getExpense,
  insertExpense,
  updateExpense,
  type Budget,
  type Expense,
} from "#app/models/budget.server.ts";
import { enrolmentForExpense } from "#app/models/enrolments.server.ts";
import { findUserById } from "#app/models/users.server.ts";
import type { ExpenseDecisionOutcome } from "#emails/expense-decided.tsx";
import type { FlowResult } from "./account.server.ts";
import { getEnv } from "./env.server.ts";
import { renderThenWrite, STALE, take, type Candidate } from "./render-then-write.server.ts";

export type Actor = { id: number; name: string; departmentId: number | null; ogwRole: OgwRole };

export type ExpenseRequest = {
  budgetId: number;
  description: string;
  supplier: string;
  kind: ExpenseKind;
  amountCents: number;
  courseId?: number | null;
  sessionId?: number | null;
  /** Who the money is for, for the breakdowns; the requester's own when left out. */
  departmentId?: number | null;
  ogwRole?: OgwRole | null;
};

export type DecisionOptions = {
  /** False writes the decision without mail: the demo seed replays history nobody needs telling. */
  notify?: boolean;
};

type Outcome<T = undefined> = FlowResult<T>;

export const enrolmentExpenseMessage =
  "Deze uitgave hoort bij een inschrijving: beoordeel of annuleer haar bij de deelnemers van de sessie.";

const notFound = { ok: false as const, message: "Deze uitgave bestaat niet." };
const noBudget = { ok: false as const, message: "Dit budget bestaat niet." };

function linkFor(path: string): string {
  return new URL(path, getEnv().APP_URL).toString();
}

// A new expense has no id until it is inserted inside the transaction, so its link is rendered with
// a placeholder that the transaction fills in.
const NEW_EXPENSE_ID = "nieuwe-uitgave-id";

function withExpenseId(mail: RenderedMail, expenseId: number): RenderedMail {
  const fill = (value: string) => value.replaceAll(NEW_EXPENSE_ID, String(expenseId));
  return { ...mail, subject: fill(mail.subject), html: fill(mail.html), text: fill(mail.text) };
}

function expenseLink(expenseId: number | typeof NEW_EXPENSE_ID): string {
  return linkFor(`/uitgaven/${expenseId}`);
}

/** What a mail about an expense says about it. */
function expenseBasis(expense: Expense): string {
  return JSON.stringify([expense.description, expense.amountCents, expense.requestedById]);
}

/** What the 80 % warning says: the budget's name and the figures it reports. */
export function warningBasis(budget: Budget, before: BudgetFigures, expense: Expense): string {
  return JSON.stringify([
    budget.name,
    before.budgetCents,
    before.committedCents,
    before.actualCents,
    expenseBasis(expense),
  ]);
}

function activeRequester(db: Db, expense: Expense, actor: { id: number }) {
  // Nobody is told about their own action.
  if (expense.requestedById === actor.id) return undefined;
  const user = findUserById(db, expense.requestedById);
  return user?.status === "active" ? user : undefined;
}

async function renderDecided(
  db: Db,
  expense: Expense,
  actor: { id: number },
  details: {
    outcome: ExpenseDecisionOutcome;
    decidedByName: string;
    reason?: string | null;
    paidCents?: number;
  },
): Promise<Candidate> {
  const requester = activeRequester(db, expense, actor);
  const mails = requester
    ? [
        await renderExpenseDecidedMail({
          to: requester.email,
          toUserId: requester.id,
          name: requester.name,
          description: expense.description,
          amountCents: expense.amountCents,
          link: expenseLink(expense.id),
          ...details,
        }),
      ]
    : [];
  return { basis: expenseBasis(expense), mails };
}

export async function renderWarning(
  budget: Budget,
  before: BudgetFigures,
  after: BudgetFigures,
  expense: Expense,
  cause: string,
) {
  const recipients = activeUsersWithRoles(getDb(), ["coordinator", "hr"]);
  const mails = await Promise.all(
    recipients.map((user) =>
      renderBudgetWarningMail({
        to: user.email,
        toUserId: user.id,
        name: user.name,
        budgetName: budget.name,
        budgetCents: after.budgetCents,
        committedCents: after.committedCents,
        actualCents: after.actualCents,
        availableCents: after.availableCents,
        cause: `${cause} ‘${expense.description}’`,
        link: linkFor("/budget"),
      }),
    ),
  );
  return { basis: warningBasis(budget, before, expense), mails };
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
function loadFor(
  tx: Db,
  expenseId: number,
  action: ExpenseAction,
  actorId: number,
): Outcome<Expense> {
  const expense = getExpense(tx, expenseId);
  if (!expense) return notFound;
  // A paid enrolment's expense changes together with the enrolment, on the session page.
  if (
    action !== "pay" &&
    action !== "record_college_decision" &&
    enrolmentForExpense(tx, expenseId)
  )
    return { ok: false, message: enrolmentExpenseMessage };
  const verdict = checkTransition(expense, action, actorId);
  if (!verdict.ok) return { ok: false, message: verdict.message };
  return { ok: true, value: expense };
}

/** The same check before the transaction, so no mail is rendered for a decision that will be refused. */
function precheck(expenseId: number, action: ExpenseAction, actorId: number): Expense | undefined {
  const loaded = loadFor(getDb(), expenseId, action, actorId);
  return loaded.ok ? loaded.value : undefined;
}

function requiredReason(reason: string): Outcome<string> {
  const trimmed = reason.trim();
  return trimmed === ""
    ? { ok: false, field: "reason", message: "Geef een reden op." }
    : { ok: true, value: trimmed };
}

/**
 * A decision whose only mail tells the requester: the mail is rendered before the transaction and
 * queued in it when the expense still reads the same. `change` writes the decision on the freshly
 * loaded expense and returns the audit action and details, logged after the mail is queued.
 */
function decideAndTellRequester(decision: {
  expenseId: number;
  action: ExpenseAction;
  actor: { id: number };
  address: string;
  now: Date;
  notify: boolean;
  mail: Parameters<typeof renderDecided>[3];
  change: (tx: Db, expense: Expense) => { action: string; details: Record<string, unknown> };
}): Promise<Outcome> {
  const { expenseId, action, actor, notify } = decision;
  return renderThenWrite(
    async () => {
      const expense = notify ? precheck(expenseId, action, actor.id) : undefined;
      if (!expense) return null;
      return renderDecided(getDb(), expense, actor, decision.mail);
    },
    (tx, candidate) => {
      const loaded = loadFor(tx, expenseId, action, actor.id);
      if (!loaded.ok) return loaded;
      const expense = loaded.value;
      const mails = notify ? take(candidate, expenseBasis(expense)) : [];
      if (mails === STALE) return STALE;
      const logged = decision.change(tx, expense);
      for (const mail of mails) queueMail(tx, mail);
      audit(tx, actor, decision.address, decision.now, expenseId, logged.action, logged.details);
      return { ok: true as const, value: undefined };
    },
  );
}

/** An approval's writes: the expense is approved and its whole amount committed on the ledger. */
export function commitApproval(tx: Db, expense: Expense, actor: { id: number }, now: Date) {
  updateExpense(
    tx,
    expense.id,
    { status: "approved", decidedById: actor.id, decidedAt: now.toISOString() },
    now,
  );
  appendLedgerEntries(tx, entriesForApproval(expense.amountCents), {
    budgetId: expense.budgetId,
    expenseId: expense.id,
    reason: `Goedgekeurd: ${expense.description}`,
    createdById: actor.id,
    at: now,
  });
}

// ---- The decisions ----

/**
 * Records a request; significant when at or above the budget's threshold at this moment. Tells the
 * other coordinators (one of them must approve) and, for a significant one, the administrators and
 * coordinators that it must go before the college.
 */
export async function requestExpense(
  input: ExpenseRequest,
  actor: Actor,
  address: string,
  now = new Date(),
  options: DecisionOptions = {},
): Promise<Outcome<{ expenseId: number; significant: boolean }>> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
    return { ok: false, field: "amount", message: "Het bedrag moet meer dan € 0,00 zijn." };
  }
  const notify = options.notify ?? true;
  const basisOf = (budget: Budget, significant: boolean) =>
    JSON.stringify([budget.name, budget.significanceThresholdCents, significant]);

  return renderThenWrite(
    async () => {
      const db = getDb();
      const budget = getBudget(db, input.budgetId);
      if (!notify || !budget) return null;
      const significant = isSignificant(input.amountCents, budget.significanceThresholdCents);
      const link = expenseLink(NEW_EXPENSE_ID);
      const others = activeUsersWithRoles(db, ["coordinator"]).filter(
        (user) => user.id !== actor.id,
      );
      const requested = others.map((user) =>
        renderExpenseRequestedMail({
          to: user.email,
          toUserId: user.id,
          name: user.name,
          requesterName: actor.name,
          description: input.description,
          supplier: input.supplier,
          kindLabel: expenseKindLabels[input.kind],
          amountCents: input.amountCents,
          significant,
          thresholdCents: budget.significanceThresholdCents,
          link,
        }),
      );
      const college = significant
        ? activeUsersWithRoles(db, ["admin", "coordinator"]).map((user) =>
            renderExpenseCollegeMail({
              to: user.email,
              toUserId: user.id,
              name: user.name,
              requesterName: actor.name,
              description: input.description,
              supplier: input.supplier,
              amountCents: input.amountCents,
              thresholdCents: budget.significanceThresholdCents,
              budgetName: budget.name,
              link,
            }),
          )
        : [];
      const mails = await Promise.all([...requested, ...college]);
      return { basis: basisOf(budget, significant), mails };
    },
    (tx, candidate) => {
      const budget = getBudget(tx, input.budgetId);
      if (!budget) return noBudget;
      const significant = isSignificant(input.amountCents, budget.significanceThresholdCents);
      const mails = notify ? take(candidate, basisOf(budget, significant)) : [];
      if (mails === STALE) return STALE;
      const expense = insertExpense(tx, {
        budgetId: budget.id,
        description: input.description,
        supplier: input.supplier,
        kind: input.kind,
        amountCents: input.amountCents,
        courseId: input.courseId ?? null,
        sessionId: input.sessionId ?? null,
        requestedById: actor.id,
        departmentId: input.departmentId === undefined ? actor.departmentId : input.departmentId,
        ogwRole: input.ogwRole === undefined ? actor.ogwRole : input.ogwRole,
        status: "requested",
        significant,
        requestedAt: now.toISOString(),
      });
      for (const mail of mails) queueMail(tx, withExpenseId(mail, expense.id));
      audit(tx, actor, address, now, expense.id, "expense_requested", {
        after: {
          status: "requested",
          amountCents: input.amountCents,
          significant,
          thresholdCents: budget.significanceThresholdCents,
        },
      });
      return { ok: true as const, value: { expenseId: expense.id, significant } };
    },
  );
}

/**
 * Commits the amount (four eyes; a significant one only after the college approved) if it fits.
 * Tells the requester, and coordinators and P&O when this approval takes use past 80 %.
 */
export async function approveExpense(
  expenseId: number,
  actor: Actor,
  address: string,
  now = new Date(),
  options: DecisionOptions = {},
): Promise<Outcome<{ crossedWarning: boolean }>> {
  const notify = options.notify ?? true;
  return renderThenWrite(
    async () => {
      const expense = notify ? precheck(expenseId, "approve", actor.id) : undefined;
      if (!expense) return null;
      const db = getDb();
      const budget = getBudget(db, expense.budgetId)!;
      const before = getBudgetFigures(db, expense.budgetId);
      // Most likely refused: render nothing. Should it fit after all, the transaction asks again.
      if (!checkFits(before.availableCents, expense.amountCents).ok) return null;
      const projection = projectCommitment(before, expense.amountCents);
      return {
        decided: await renderDecided(db, expense, actor, {
          outcome: "approved",
          decidedByName: actor.name,
        }),
        warning: projection.crossesWarning
          ? await renderWarning(budget, before, projection.after, expense, "de goedkeuring van")
          : null,
      };
    },
    (tx, candidates) => {
      const loaded = loadFor(tx, expenseId, "approve", actor.id);
      if (!loaded.ok) return loaded;
      const expense = loaded.value;
      const before = getBudgetFigures(tx, expense.budgetId);
      const fits = checkFits(before.availableCents, expense.amountCents);
      if (!fits.ok) return { ok: false as const, message: fits.message };
      // Decided here, on the figures this transaction read: the warning goes out exactly once.
      const projection = projectCommitment(before, expense.amountCents);
      const mails: RenderedMail[] = [];
      if (notify) {
        const decided = take(candidates?.decided, expenseBasis(expense));
        if (decided === STALE) return STALE;
        mails.push(...decided);
        if (projection.crossesWarning) {
          const warning = take(
            candidates?.warning,
            warningBasis(getBudget(tx, expense.budgetId)!, before, expense),
          );
          if (warning === STALE) return STALE;
          mails.push(...warning);
        }
      }
      commitApproval(tx, expense, actor, now);
      for (const mail of mails) queueMail(tx, mail);
      audit(tx, actor, address, now, expense.id, "expense_approved", {
        before: { status: "requested", availableCents: before.availableCents },
        after: {
          status: "approved",
          committedCents: expense.amountCents,
          availableCents: projection.after.availableCents,
        },
      });
      return { ok: true as const, value: { crossedWarning: projection.crossesWarning } };
    },
  );
}

export async function rejectExpense(
  expenseId: number,
  reason: string,
  actor: Actor,
  address: string,
  now = new Date(),
  options: DecisionOptions = {},
): Promise<Outcome> {
  const checkedReason = requiredReason(reason);
  if (!checkedReason.ok) return checkedReason;
  const why = checkedReason.value;
  return decideAndTellRequester({
    expenseId,
    action: "reject",
    actor,
    address,
    now,
    notify: options.notify ?? true,
    mail: { outcome: "rejected", decidedByName: actor.name, reason: why },
    change: (tx, expense) => {
      updateExpense(
        tx,
        expenseId,
        {
          status: "rejected",
          decidedById: actor.id,
          decidedAt: now.toISOString(),
          decisionReason: why,
        },
        now,
      );
      return {
        action: "expense_rejected",
        details: { before: { status: expense.status }, after: { status: "rejected" }, reason: why },
      };
    },
  });
}

/** Withdraws a request, or cancels an approved expense and releases its commitment. */
export async function cancelExpense(
  expenseId: number,
  reason: string,
  actor: Actor,
  address: string,
  now = new Date(),
  options: DecisionOptions = {},
): Promise<Outcome> {
  const checkedReason = requiredReason(reason);
  if (!checkedReason.ok) return checkedReason;
  const why = checkedReason.value;
  return decideAndTellRequester({
    expenseId,
    action: "cancel",
    actor,
    address,
    now,
    notify: options.notify ?? true,
    mail: { outcome: "cancelled", decidedByName: actor.name, reason: why },
    change: (tx, expense) => {
      const entries = entriesForCancellation(expense.status, expense.amountCents);
      updateExpense(tx, expenseId, { status: "cancelled", decisionReason: why }, now);
      appendLedgerEntries(tx, entries, {
        budgetId: expense.budgetId,
        expenseId,
        reason: `Geannuleerd: ${why}`,
        createdById: actor.id,
        at: now,
      });
      return {
        action: "expense_cancelled",
        details: {
          before: { status: expense.status },
          after: {
            status: "cancelled",
            releasedCents: entries.reduce((sum, entry) => sum + entry.amountCents, 0),
          },
          reason: why,
        },
      };
    },
  });
}

/**
 * Books the invoice: the commitment becomes actual, a different amount is a correction. An invoice
 * above the approved amount must fit in what is available. Tells the requester, and coordinators
 * and P&O when a higher invoice takes use past 80 %.
 */
export async function payExpense(
  expenseId: number,
  paidCents: number,
  actor: Actor,
  address: string,
  now = new Date(),
  options: DecisionOptions = {},
): Promise<Outcome> {
  if (!Number.isSafeInteger(paidCents) || paidCents < 0) {
    return {
      ok: false,
      field: "paidAmount",
      message: "Het betaalde bedrag kan niet negatief zijn.",
    };
  }
  const notify = options.notify ?? true;
  return renderThenWrite(
    async () => {
      const expense = notify ? precheck(expenseId, "pay", actor.id) : undefined;
      if (!expense) return null;
      const db = getDb();
      const budget = getBudget(db, expense.budgetId)!;
      const before = getBudgetFigures(db, expense.budgetId);
      const projection = projectPayment(before, expense.amountCents, paidCents);
      return {
        decided: await renderDecided(db, expense, actor, {
          outcome: "paid",
          decidedByName: actor.name,
          paidCents,
        }),
        warning: projection.crossesWarning
          ? await renderWarning(budget, before, projection.after, expense, "de betaling van")
          : null,
      };
    },
    (tx, candidates) => {
      const loaded = loadFor(tx, expenseId, "pay", actor.id);
      if (!loaded.ok) return loaded;
      const expense = loaded.value;
      const before = getBudgetFigures(tx, expense.budgetId);
      const extra = extraForPayment(expense.amountCents, paidCents);
      if (extra > 0) {
        const fits = checkFits(before.availableCents, extra);
        if (!fits.ok) return { ok: false as const, message: fits.message };
      }
      const projection = projectPayment(before, expense.amountCents, paidCents);
      const mails: RenderedMail[] = [];
      if (notify) {
        const decided = take(candidates?.decided, expenseBasis(expense));
        if (decided === STALE) return STALE;
        mails.push(...decided);
        if (projection.crossesWarning) {
          const warning = take(
            candidates?.warning,
            warningBasis(getBudget(tx, expense.budgetId)!, before, expense),
          );
          if (warning === STALE) return STALE;
          mails.push(...warning);
        }
      }
      updateExpense(
        tx,
        expenseId,
        { status: "paid", paidAmountCents: paidCents, paidAt: now.toISOString() },
        now,
      );
      appendLedgerEntries(tx, entriesForPayment(expense.amountCents, paidCents), {
        budgetId: expense.budgetId,
        expenseId,
        reason:
          paidCents === expense.amountCents
            ? `Betaald: ${expense.description}`
            : `Betaald: ${expense.description} (factuur ${formatEuro(paidCents)}, goedgekeurd ${formatEuro(expense.amountCents)})`,
        createdById: actor.id,
        at: now,
      });
      for (const mail of mails) queueMail(tx, mail);
      audit(tx, actor, address, now, expenseId, "expense_paid", {
        before: {
          status: "approved",
          committedCents: expense.amountCents,
          availableCents: before.availableCents,
        },
        after: {
          status: "paid",
          actualCents: paidCents,
          correctionCents: paidCents - expense.amountCents,
          availableCents: projection.after.availableCents,
        },
      });
      return { ok: true as const, value: undefined };
    },
  );
}

export type CollegeDecisionInput = {
  outcome: CollegeDecisionOutcome;
  date: string;
  reference: string;
};

const calendarDate = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "2023-06-13" → "13 juni 2023"; a calendar date, so no time zone shifts it. */
function formatCalendarDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : calendarDate.format(parsed);
}

/**
 * Records the college's decision on a significant request. A rejection ends the request (and the
 * requester is told); an approval leaves the approval itself to a coordinator.
 */
export async function recordCollegeDecision(
  expenseId: number,
  decision: CollegeDecisionInput,
  actor: Actor,
  address: string,
  now = new Date(),
  options: DecisionOptions = {},
): Promise<Outcome> {
  const notify = (options.notify ?? true) && decision.outcome === "rejected";
  const reason = `Het college heeft de uitgave op ${formatCalendarDate(decision.date)} afgewezen (${decision.reference}).`;
  return decideAndTellRequester({
    expenseId,
    action: "record_college_decision",
    actor,
    address,
    now,
    notify,
    mail: { outcome: "rejected", decidedByName: "Het college", reason },
    change: (tx, expense) => {
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
          ...(rejected
            ? {
                status: "rejected" as const,
                decisionReason: `College: afgewezen (${decision.reference})`,
              }
            : {}),
        },
        now,
      );
      return {
        action: "expense_college_decision",
        details: {
          before: { status: expense.status, collegeOutcome: null },
          after: {
            status: rejected ? "rejected" : expense.status,
            collegeOutcome: decision.outcome,
            date: decision.date,
            reference: decision.reference,
          },
        },
      };
    },
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
  if (!Number.isSafeInteger(amountCents) || amountCents === 0) {
    return { ok: false, field: "amount", message: "Vul een bedrag in dat niet nul is." };
  }
  return writeTransaction((tx) => {
    if (!getBudget(tx, budgetId)) return noBudget;
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
      details: {
        before: { budgetCents: before.budgetCents, availableCents: before.availableCents },
        after: {
          budgetCents: before.budgetCents + amountCents,
          availableCents: before.availableCents + amountCents,
        },
        reason,
      },
      at: now,
    });
    return { ok: true as const, value: undefined };
  });
}
