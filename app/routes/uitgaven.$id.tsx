// One expense: its details, its college status, its full history (ledger and audit log), and the
// decisions that apply to the viewer now. Every decision is checked here for the permission and
// again by the service for the state, four eyes, the college rule and the money.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { BudgetEffectPanel, DateField } from "#app/components/expense-forms.tsx";
import {
  FormErrors,
  InputField,
  MoneyField,
  SelectField,
  TextAreaField,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import {
  checkTransition,
  expenseKindLabels,
  expenseStatusLabels,
  ledgerEntryTypeLabels,
  type ExpenseAction,
} from "#app/domain/budget.ts";
import { centsToInput, formatEuro } from "#app/domain/money.ts";
import type { AppRole } from "#app/domain/roles.ts";
import {
  getBudget,
  getBudgetFigures,
  getExpense,
  listLedgerForExpense,
} from "#app/models/budget.server.ts";
import { enrolmentForExpense } from "#app/models/enrolments.server.ts";
import { getExpenseDetail, listAuditForExpense } from "#app/models/expense-pages.server.ts";
import { forbidden, requirePermission, requireUser } from "#app/utils/auth.server.ts";
import { formatSessionWhen } from "#app/utils/catalogue-format.ts";
import {
  auditActionLabel,
  collegeOutcomeLabels,
  describeBudgetEffect,
  formatCalendarDate,
  formatExpenseMoment,
  significanceLabel,
  significanceThresholdText,
} from "#app/utils/expense-format.ts";
import {
  amsterdamToday,
  cancelExpenseSchema,
  collegeDecisionSchema,
  payExpenseSchema,
  rejectExpenseSchema,
} from "#app/utils/expense-schemas.ts";
import {
  approveExpense,
  cancelExpense,
  payExpense,
  recordCollegeDecision,
  rejectExpense,
} from "#app/utils/expenses.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { collegeDecisionOutcomes, REASON_MAX } from "#app/utils/form-rules.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { can, type Permission } from "#app/utils/permissions.ts";

const intents = ["approve", "reject", "cancel", "pay", "college"] as const;
type Intent = (typeof intents)[number];
const intentSchema = z.enum(intents);

/** Anyone with one of these may post here at all; each intent then asks for its own permission. */
const expensePermissions: readonly Permission[] = [
  "expenses:request",
  "expenses:decide",
  "expenses:college-decision",
];

function notFound(): Response {
  return new Response("Deze uitgave bestaat niet.", { status: 404 });
}

function expenseIdFrom(params: { id?: string }): number {
  const raw = params.id ?? "";
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

function requireAllowed(role: AppRole, permission: Permission) {
  if (!can(role, permission)) throw forbidden();
}

// ---- History: ledger entries and audit rows in one time line ----

type HistoryItem = {
  key: string;
  at: string;
  when: string;
  what: string;
  amount: string | null;
  by: string;
  note: string | null;
};

type Details = Record<string, unknown>;

function parseDetails(json: string | null): Details {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" ? (parsed as Details) : {};
  } catch {
    return {};
  }
}

function part(details: Details, key: string): Details {
  const value = details[key];
  return value && typeof value === "object" ? (value as Details) : {};
}

function numberIn(details: Details, key: string): number | null {
  const value = details[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function textIn(details: Details, key: string): string | null {
  const value = details[key];
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** The amount an audit row is about: requested, committed or paid (with the committed one beside it). */
function auditAmount(details: Details): string | null {
  const before = part(details, "before");
  const after = part(details, "after");
  const paid = numberIn(after, "actualCents");
  if (paid !== null) {
    const committed = numberIn(before, "committedCents");
    return committed !== null && committed !== paid
      ? `${formatEuro(paid)} (goedgekeurd ${formatEuro(committed)})`
      : formatEuro(paid);
  }
  const released = numberIn(after, "releasedCents");
  const amount =
    numberIn(after, "committedCents") ??
    numberIn(after, "amountCents") ??
    (released ? released : null);
  return amount === null ? null : formatEuro(amount);
}

function auditNote(details: Details): string | null {
  const after = part(details, "after");
  const outcome = textIn(after, "collegeOutcome");
  if (outcome === "approved" || outcome === "rejected") {
    const date = textIn(after, "date");
    const reference = textIn(after, "reference");
    return [
      `College: ${collegeOutcomeLabels[outcome]}`,
      date ? `besluit van ${formatCalendarDate(date)}` : null,
      reference ? `kenmerk ${reference}` : null,
    ]
      .filter(Boolean)
      .join(", ");
  }
  const parts = [textIn(details, "reason")];
  if (after.significant === true) parts.push("Significant: het college moet eerst besluiten.");
  const released = numberIn(after, "releasedCents");
  if (released) parts.push(`${formatEuro(released)} vrijgevallen.`);
  const available = numberIn(after, "availableCents");
  if (available !== null) parts.push(`Daarna beschikbaar: ${formatEuro(available)}.`);
  const text = parts.filter(Boolean).join(" ");
  return text || null;
}

const resultLabels: Record<string, string> = { failure: "mislukt", denied: "geweigerd" };

function buildHistory(
  ledger: ReturnType<typeof listLedgerForExpense>,
  audit: ReturnType<typeof listAuditForExpense>,
): HistoryItem[] {
  const items: (HistoryItem & { order: number; id: number })[] = [
    // At the same moment the decision (audit) reads before the bookings it caused (ledger).
    ...audit.map(({ entry, actorName }) => {
      const details = parseDetails(entry.details);
      const result = resultLabels[entry.result];
      return {
        key: `audit-${entry.id}`,
        id: entry.id,
        order: 0,
        at: entry.at,
        when: formatExpenseMoment(entry.at),
        what: `${auditActionLabel(entry.action)}${result ? ` (${result})` : ""}`,
        amount: auditAmount(details),
        by: actorName ?? "onbekend",
        note: auditNote(details),
      };
    }),
    ...ledger.map(({ entry, byName }) => ({
      key: `ledger-${entry.id}`,
      id: entry.id,
      order: 1,
      at: entry.at,
      when: formatExpenseMoment(entry.at),
      what: `Boeking: ${ledgerEntryTypeLabels[entry.type].toLowerCase()}`,
      amount: formatEuro(entry.amountCents),
      by: byName ?? "onbekend",
      note: entry.reason,
    })),
  ];
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order || a.id - b.id));
  return items.map(({ key, at, when, what, amount, by, note }) => ({
    key,
    at,
    when,
    what,
    amount,
    by,
    note,
  }));
}

// ---- Loader ----

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "budget:view");
  const expenseId = expenseIdFrom(params);
  const db = getDb();
  const expense = getExpenseDetail(db, expenseId);
  if (!expense) throw notFound();
  const budget = getBudget(db, expense.budgetId);
  if (!budget) throw notFound();

  const role = user.appRole;
  const canDecide = can(role, "expenses:decide");
  const isRequester = expense.requestedById === user.id;
  const requested = expense.status === "requested";
  // Which decisions the rules allow this user now: the same check the service makes on submit.
  const verdict = (action: ExpenseAction) => checkTransition(expense, action, user.id);
  const approveVerdict = verdict("approve");
  // A paid enrolment's expense is approved, rejected or cancelled with the enrolment.
  const enrolment = enrolmentForExpense(db, expenseId);
  const decidedElsewhere = enrolment !== undefined;

  let effect: ReturnType<typeof describeBudgetEffect> | null = null;
  if (requested) {
    const figures = getBudgetFigures(db, budget.id);
    // This request is one of the pending ones; the panel speaks of the others.
    const others = {
      ...figures,
      pendingCents: Math.max(0, figures.pendingCents - expense.amountCents),
    };
    effect = describeBudgetEffect(others, expense.amountCents, budget.significanceThresholdCents);
  }

  // Why "Goedkeuren" is missing, for a coordinator who would otherwise look for it.
  let approveNote: string | null = null;
  if (requested && canDecide && !decidedElsewhere) {
    if (!approveVerdict.ok && approveVerdict.code === "own_request")
      approveNote = approveVerdict.message;
    else if (!approveVerdict.ok && approveVerdict.code === "college_decision_missing")
      approveNote = "Goedkeuren kan pas als het besluit van het college is vastgelegd.";
    else if (effect?.shortfall)
      approveNote = `Goedkeuren kan nu niet: er komt ${effect.shortfall} tekort in het budget.`;
  }

  return {
    expense: {
      id: expense.id,
      description: expense.description,
      supplier: expense.supplier,
      kind: expenseKindLabels[expense.kind],
      amount: formatEuro(expense.amountCents),
      status: expenseStatusLabels[expense.status],
      requestedBy: expense.requestedByName,
      requestedAt: expense.requestedAt,
      requestedWhen: formatExpenseMoment(expense.requestedAt),
      // With a recorded decision the next line spells it out; "Ja" is enough here.
      significance:
        expense.significant && expense.collegeOutcome !== null ? "Ja" : significanceLabel(expense),
      college:
        expense.collegeOutcome !== null
          ? {
              outcome: collegeOutcomeLabels[expense.collegeOutcome],
              date: expense.collegeDecisionDate
                ? formatCalendarDate(expense.collegeDecisionDate)
                : "–",
              reference: expense.collegeReference ?? "–",
              recordedBy: expense.collegeRecordedByName ?? "onbekend",
            }
          : null,
      decidedBy: expense.decidedByName,
      decidedWhen: expense.decidedAt ? formatExpenseMoment(expense.decidedAt) : null,
      decisionReason: expense.decisionReason,
      paid: expense.paidAmountCents !== null ? formatEuro(expense.paidAmountCents) : null,
      paidWhen: expense.paidAt ? formatExpenseMoment(expense.paidAt) : null,
      course: expense.course ? { slug: expense.course.slug, title: expense.course.title } : null,
      session: expense.session
        ? {
            when: formatSessionWhen(expense.session.startsAt, expense.session.endsAt),
            cancelled: expense.session.status === "cancelled",
          }
        : null,
    },
    budget: {
      name: budget.name,
      threshold: significanceThresholdText(budget.significanceThresholdCents),
    },
    effect,
    history: buildHistory(listLedgerForExpense(db, expenseId), listAuditForExpense(db, expenseId)),
    actions: {
      approve: canDecide && approveVerdict.ok && approveNote === null && !decidedElsewhere,
      approveNote,
      reject: canDecide && verdict("reject").ok && !decidedElsewhere,
      cancel:
        verdict("cancel").ok &&
        !decidedElsewhere &&
        (canDecide || (isRequester && can(role, "expenses:request"))),
      enrolmentSessionId: enrolment?.sessionId ?? null,
      cancelReleases: expense.status === "approved",
      pay: canDecide && verdict("pay").ok,
      college: can(role, "expenses:college-decision") && verdict("record_college_decision").ok,
    },
    payDefault: centsToInput(expense.amountCents),
    today: amsterdamToday(),
  };
}

// ---- Action ----

type ActionAnswer = {
  intent: Intent | null;
  result: SubmissionResult<string[]> | null;
  /** A refusal by the service, shown in an alert above the actions. */
  error: string | null;
};

function answer(body: ActionAnswer, status: number) {
  return data(body, { status });
}

/** The service said no (state, four eyes, college, money): nothing was written. */
const REFUSED = 409;

type Refused = { ok: false; field?: string; message: string };
type Replyable = {
  reply: (options?: { fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>;
};

/** A refusal about one field is bad input beside that field; any other is a conflict with the state. */
function refused(intent: Intent, refusal: Refused, submission?: Replyable) {
  if (refusal.field && submission) {
    return answer(
      {
        intent,
        result: submission.reply({ fieldErrors: { [refusal.field]: [refusal.message] } }),
        error: null,
      },
      400,
    );
  }
  return answer(
    { intent, result: submission ? submission.reply() : null, error: refusal.message },
    REFUSED,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // The permission comes before anything in the request is read: hr and members learn nothing here.
  const user = requireUser(request);
  if (!expensePermissions.some((permission) => can(user.appRole, permission))) throw forbidden();
  const expenseId = expenseIdFrom(params);
  const formData = await readForm(request);
  const parsedIntent = intentSchema.safeParse(formData.get("intent"));
  if (!parsedIntent.success)
    return answer({ intent: null, result: null, error: "Onbekende handeling." }, 400);
  const intent = parsedIntent.data;
  const db = getDb();
  const address = clientAddressOf(context);
  const back = `/uitgaven/${expenseId}`;

  switch (intent) {
    case "approve": {
      requireAllowed(user.appRole, "expenses:decide");
      if (!getExpense(db, expenseId)) throw notFound();
      const result = await approveExpense(expenseId, user, address);
      if (!result.ok) return refused(intent, result);
      return redirectWithFlash(back, {
        kind: "success",
        message: result.value.crossedWarning
          ? "De uitgave is goedgekeurd en als verplichting geboekt. Let op: nu is 80% of meer van het budget in gebruik."
          : "De uitgave is goedgekeurd en als verplichting geboekt.",
      });
    }
    case "reject": {
      requireAllowed(user.appRole, "expenses:decide");
      if (!getExpense(db, expenseId)) throw notFound();
      const submission = parseWithZod(formData, { schema: rejectExpenseSchema });
      if (submission.status !== "success")
        return answer({ intent, result: submission.reply(), error: null }, 400);
      const result = await rejectExpense(expenseId, submission.value.reason, user, address);
      if (!result.ok) return refused(intent, result, submission);
      return redirectWithFlash(back, { kind: "success", message: "De uitgave is afgewezen." });
    }
    case "cancel": {
      const expense = getExpense(db, expenseId);
      // A coordinator may cancel any expense; otherwise only the requester their own request.
      if (!can(user.appRole, "expenses:decide")) {
        requireAllowed(user.appRole, "expenses:request");
        if (!expense) throw notFound();
        if (expense.requestedById !== user.id) throw forbidden();
      }
      if (!expense) throw notFound();
      const submission = parseWithZod(formData, { schema: cancelExpenseSchema });
      if (submission.status !== "success")
        return answer({ intent, result: submission.reply(), error: null }, 400);
      const result = await cancelExpense(expenseId, submission.value.reason, user, address);
      if (!result.ok) return refused(intent, result, submission);
      return redirectWithFlash(back, {
        kind: "success",
        message:
          expense.status === "approved"
            ? "De uitgave is geannuleerd; de verplichting is weer vrijgevallen."
            : "De uitgave is geannuleerd.",
      });
    }
    case "pay": {
      requireAllowed(user.appRole, "expenses:decide");
      const expense = getExpense(db, expenseId);
      if (!expense) throw notFound();
      const submission = parseWithZod(formData, { schema: payExpenseSchema });
      if (submission.status !== "success")
        return answer({ intent, result: submission.reply(), error: null }, 400);
      const paid = submission.value.paidAmount;
      const result = await payExpense(expenseId, paid, user, address);
      if (!result.ok) return refused(intent, result, submission);
      return redirectWithFlash(back, {
        kind: "success",
        message:
          paid === expense.amountCents
            ? "De betaling is geboekt als realisatie."
            : `De betaling van ${formatEuro(paid)} is geboekt; het verschil met het goedgekeurde bedrag staat als correctie in de geschiedenis.`,
      });
    }
    case "college": {
      requireAllowed(user.appRole, "expenses:college-decision");
      if (!getExpense(db, expenseId)) throw notFound();
      const submission = parseWithZod(formData, {
        schema: collegeDecisionSchema(amsterdamToday()),
      });
      if (submission.status !== "success")
        return answer({ intent, result: submission.reply(), error: null }, 400);
      const { outcome, decisionDate, reference } = submission.value;
      const result = await recordCollegeDecision(
        expenseId,
        { outcome, date: decisionDate, reference },
        user,
        address,
      );
      if (!result.ok) return refused(intent, result, submission);
      return redirectWithFlash(back, {
        kind: "success",
        message:
          outcome === "approved"
            ? "Het besluit van het college is vastgelegd. Een coördinator kan de uitgave nu goedkeuren."
            : "Het besluit van het college is vastgelegd. De uitgave is daarmee afgewezen.",
      });
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Uitgave ${data.expense.id}` : "Uitgave"} · Uitgaven · Gildeportaal OGW` },
];

// ---- Page ----

const outcomeOptions = collegeDecisionOutcomes.map((outcome) => ({
  value: outcome,
  label:
    outcome === "approved"
      ? "Akkoord: de uitgave mag doorgaan"
      : "Afgewezen: de uitgave gaat niet door",
}));

/** The decision forms' schemas and conform's parser, fetched after hydration (ADR 011). */
async function loadExpenseValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/expense-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function ExpenseDetail() {
  const { expense, budget, effect, history, actions, payDefault, today } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResultFor = (intent: Intent) =>
    actionData?.intent === intent ? actionData.result : undefined;
  const anyForm = actions.reject || actions.cancel || actions.pay || actions.college;
  const validation = useDeferredValidation(loadExpenseValidation, anyForm);
  const timing = validationTiming(validation !== null);

  const [rejectForm, rejectFields] = useForm({
    id: "uitgave-afwijzen",
    lastResult: lastResultFor("reject"),
    ...timing,
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.rejectExpenseSchema })
      : undefined,
  });
  const [cancelForm, cancelFields] = useForm({
    id: "uitgave-annuleren",
    lastResult: lastResultFor("cancel"),
    ...timing,
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.cancelExpenseSchema })
      : undefined,
  });
  const [payForm, payFields] = useForm({
    id: "uitgave-betalen",
    lastResult: lastResultFor("pay"),
    defaultValue: { paidAmount: payDefault },
    ...timing,
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.payExpenseSchema })
      : undefined,
  });
  const [collegeForm, collegeFields] = useForm({
    id: "collegebesluit",
    lastResult: lastResultFor("college"),
    ...timing,
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, {
            schema: validation.schemas.collegeDecisionSchema(today),
          })
      : undefined,
  });

  const anyAction =
    actions.approve || actions.reject || actions.cancel || actions.pay || actions.college;

  return (
    <>
      <p>
        <Link to="/uitgaven">Terug naar de uitgaven</Link>
      </p>
      <h1>{expense.description}</h1>
      <p className="lead">
        Uitgave {expense.id} · {expense.status}
      </p>
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {actionData.error}
        </p>
      ) : null}

      <dl className="details expense-facts">
        <dt>Bedrag</dt>
        <dd>{expense.amount}</dd>
        <dt>Status</dt>
        <dd>{expense.status}</dd>
        <dt>Leverancier</dt>
        <dd>{expense.supplier}</dd>
        <dt>Soort</dt>
        <dd>{expense.kind}</dd>
        <dt>Aangevraagd</dt>
        <dd>
          door {expense.requestedBy} op{" "}
          <time dateTime={expense.requestedAt}>{expense.requestedWhen}</time>
        </dd>
        <dt>Budget</dt>
        <dd>{budget.name}</dd>
        <dt>Opleiding</dt>
        <dd>
          {expense.course ? (
            <Link to={`/catalogus/${expense.course.slug}`}>{expense.course.title}</Link>
          ) : (
            "–"
          )}
        </dd>
        <dt>Sessie</dt>
        <dd>
          {expense.session ? (
            <>
              {expense.session.when}
              {expense.session.cancelled ? " (geannuleerd)" : null}
              {expense.course ? (
                <>
                  {" "}
                  (
                  <Link to={`/catalogus/${expense.course.slug}`}>
                    sessies van {expense.course.title}
                  </Link>
                  )
                </>
              ) : null}
            </>
          ) : (
            "–"
          )}
        </dd>
        <dt>Significant</dt>
        <dd>{expense.significance}</dd>
        {expense.college ? (
          <>
            <dt>Collegebesluit</dt>
            <dd>
              {expense.college.outcome}, besluit van {expense.college.date}, kenmerk{" "}
              {expense.college.reference} (vastgelegd door {expense.college.recordedBy})
            </dd>
          </>
        ) : null}
        {expense.decidedBy ? (
          <>
            <dt>Beoordeeld</dt>
            <dd>
              door {expense.decidedBy}
              {expense.decidedWhen ? ` op ${expense.decidedWhen}` : null}
            </dd>
          </>
        ) : null}
        {expense.decisionReason ? (
          <>
            <dt>Reden</dt>
            <dd>{expense.decisionReason}</dd>
          </>
        ) : null}
        {expense.paid ? (
          <>
            <dt>Betaald</dt>
            <dd>
              {expense.paid}
              {expense.paidWhen ? ` op ${expense.paidWhen}` : null}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="muted">{budget.threshold}</p>

      {effect ? (
        <BudgetEffectPanel effect={effect} headingId="effect-op-budget" showSignificance={false} />
      ) : null}

      <section aria-labelledby="beoordelen">
        <h2 id="beoordelen">Beoordelen</h2>
        {actions.enrolmentSessionId !== null ? (
          <p className="alert alert--info">
            Deze uitgave hoort bij een inschrijving. Goedkeuren, afwijzen en annuleren gebeurt bij
            de deelnemers van <Link to={`/sessies/${actions.enrolmentSessionId}`}>de sessie</Link>.
          </p>
        ) : null}
        {actions.approveNote ? <p className="alert alert--info">{actions.approveNote}</p> : null}
        {!anyAction ? <p>Voor u valt er bij deze uitgave nu niets te beslissen.</p> : null}

        {actions.college ? (
          <section aria-labelledby="collegebesluit-titel" className="expense-action">
            <h3 id="collegebesluit-titel">Besluit van het college vastleggen</h3>
            <p>
              Deze uitgave is significant. Leg vast wat het college heeft besloten; daarna kan zij
              worden beoordeeld.
            </p>
            <Form method="post" {...getFormProps(collegeForm)}>
              <FormErrors id={collegeForm.errorId} errors={collegeForm.errors} />
              <input type="hidden" name="intent" value="college" />
              <SelectField
                field={collegeFields.outcome}
                label="Besluit"
                placeholder="Kies wat het college besloot"
                options={outcomeOptions}
                required
              />
              <DateField
                field={collegeFields.decisionDate}
                label="Datum van het collegebesluit"
                hint="Vandaag of eerder, bijvoorbeeld 12-03-2026."
                max={today}
                required
              />
              <InputField
                field={collegeFields.reference}
                label="Kenmerk"
                hint="Zaak- en documentnummer, bijvoorbeeld Z.123456 / D.7654321."
                required
              />
              <div className="form-actions">
                <button type="submit" className="button">
                  Collegebesluit vastleggen
                </button>
              </div>
            </Form>
          </section>
        ) : null}

        {actions.approve ? (
          <section aria-labelledby="goedkeuren-titel" className="expense-action">
            <h3 id="goedkeuren-titel">Goedkeuren</h3>
            <p>Na goedkeuring staat {expense.amount} als verplichting op het budget.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="approve" />
              <button type="submit" className="button">
                Uitgave goedkeuren
              </button>
            </Form>
          </section>
        ) : null}

        {actions.reject ? (
          <section aria-labelledby="afwijzen-titel" className="expense-action">
            <h3 id="afwijzen-titel">Afwijzen</h3>
            <Form method="post" {...getFormProps(rejectForm)}>
              <FormErrors id={rejectForm.errorId} errors={rejectForm.errors} />
              <input type="hidden" name="intent" value="reject" />
              <TextAreaField
                field={rejectFields.reason}
                label="Reden van de afwijzing"
                hint={`De aanvrager ziet deze reden. Hoogstens ${REASON_MAX} tekens.`}
                rows={3}
                required
              />
              <div className="form-actions">
                <button type="submit" className="button button--danger">
                  Uitgave afwijzen
                </button>
              </div>
            </Form>
          </section>
        ) : null}

        {actions.pay ? (
          <section aria-labelledby="betalen-titel" className="expense-action">
            <h3 id="betalen-titel">Betaling boeken</h3>
            <Form method="post" {...getFormProps(payForm)}>
              <FormErrors id={payForm.errorId} errors={payForm.errors} />
              <input type="hidden" name="intent" value="pay" />
              <MoneyField
                field={payFields.paidAmount}
                label="Betaald bedrag"
                hint={`Het bedrag van de factuur in euro’s. Wijkt het af van de goedgekeurde ${expense.amount}, dan wordt het verschil als correctie geboekt.`}
                required
              />
              <div className="form-actions">
                <button type="submit" className="button">
                  Betaling boeken
                </button>
              </div>
            </Form>
          </section>
        ) : null}

        {actions.cancel ? (
          <section aria-labelledby="annuleren-titel" className="expense-action">
            <h3 id="annuleren-titel">Annuleren</h3>
            <p>
              {actions.cancelReleases
                ? `De verplichting van ${expense.amount} valt dan weer vrij in het budget.`
                : "De aanvraag vervalt; er is nog niets van het budget gebruikt."}
            </p>
            <Form method="post" {...getFormProps(cancelForm)}>
              <FormErrors id={cancelForm.errorId} errors={cancelForm.errors} />
              <input type="hidden" name="intent" value="cancel" />
              <TextAreaField
                field={cancelFields.reason}
                label="Reden van de annulering"
                hint={`Hoogstens ${REASON_MAX} tekens.`}
                rows={3}
                required
              />
              <div className="form-actions">
                <button type="submit" className="button button--danger">
                  Uitgave annuleren
                </button>
              </div>
            </Form>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="geschiedenis">
        <h2 id="geschiedenis">Geschiedenis</h2>
        <p>Alle boekingen en handelingen bij deze uitgave, de oudste eerst.</p>
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">Geschiedenis van uitgave {expense.id}</caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Wat</th>
                <th scope="col" className="numeric">
                  Bedrag
                </th>
                <th scope="col">Door</th>
                <th scope="col">Reden of toelichting</th>
              </tr>
            </thead>
            <tbody>
              {history.map((item) => (
                <tr key={item.key}>
                  <td>
                    <time dateTime={item.at}>{item.when}</time>
                  </td>
                  <td>{item.what}</td>
                  <td className="numeric">{item.amount ?? "–"}</td>
                  <td>{item.by}</td>
                  <td>{item.note ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
