// A coordinator requests an expense from the current budget. "Bekijk het effect" shows what the
// amount would do to the budget before anything is written; "Uitgave aanvragen" writes it.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MoneyField, TextAreaField } from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { BudgetEffectPanel, useHydrated } from "#app/components/expense-forms.tsx";
import {
  FormErrors,
  SelectField,
  TextField,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { getDb, type Db } from "#db/client.server.ts";
import { expenseKinds } from "#db/schema.ts";
import { expenseKindLabels } from "#app/domain/budget.ts";
import { formatEuro } from "#app/domain/money.ts";
import { getBudgetFigures, getCurrentBudget } from "#app/models/budget.server.ts";
import {
  findCourseRef,
  findSessionRef,
  listCourseOptions,
  listUpcomingSessionOptions,
} from "#app/models/expense-pages.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { formatSessionWhen } from "#app/utils/catalogue-format.ts";
import { describeBudgetEffect, significanceThresholdText } from "#app/utils/expense-format.ts";
import { expenseRequestSchema, type ExpenseRequestValue } from "#app/utils/expense-schemas.ts";
import { requestExpense } from "#app/utils/expenses.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { DESCRIPTION_MAX } from "#app/utils/form-rules.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const schema = expenseRequestSchema;

const noBudgetMessage =
  "Er is nog geen opleidingsbudget ingesteld. Vraag de beheerder om het budget in te stellen.";

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "expenses:request");
  const db = getDb();
  const budget = getCurrentBudget(db);
  return {
    budget: budget
      ? {
          name: budget.name,
          threshold: significanceThresholdText(budget.significanceThresholdCents),
          available: formatEuro(getBudgetFigures(db, budget.id).availableCents),
        }
      : null,
    kinds: expenseKinds.map((kind) => ({ value: kind, label: expenseKindLabels[kind] })),
    courses: listCourseOptions(db).map((course) => ({
      value: String(course.id),
      label: course.title,
    })),
    sessions: listUpcomingSessionOptions(db, new Date()).map((session) => ({
      value: String(session.id),
      courseId: String(session.courseId),
      label: `${session.courseTitle} – ${formatSessionWhen(session.startsAt, session.endsAt)}`,
    })),
  };
}

type LinkCheck =
  | { ok: true; courseId: number | null; sessionId: number | null }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * The course and session must exist, the session must still be to come, and a session given with a
 * course must belong to it. A session on its own brings its course along, so the reports see both.
 */
function checkLinks(db: Db, value: ExpenseRequestValue, now: Date): LinkCheck {
  const fieldErrors: Record<string, string[]> = {};
  const course = value.courseId !== undefined ? findCourseRef(db, value.courseId) : undefined;
  if (value.courseId !== undefined && !course)
    fieldErrors.courseId = ["Kies een opleiding uit de lijst."];
  const session = value.sessionId !== undefined ? findSessionRef(db, value.sessionId) : undefined;
  if (value.sessionId !== undefined) {
    if (!session) fieldErrors.sessionId = ["Kies een sessie uit de lijst."];
    else if (session.status !== "planned" || session.startsAt <= now.toISOString()) {
      fieldErrors.sessionId = ["Kies een sessie die nog moet komen."];
    } else if (course && session.courseId !== course.id) {
      fieldErrors.sessionId = [
        "Deze sessie hoort niet bij de gekozen opleiding. Kies een sessie van die opleiding.",
      ];
    }
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    courseId: course?.id ?? session?.courseId ?? null,
    sessionId: session?.id ?? null,
  };
}

const intents = ["preview", "submit"] as const;
type Intent = (typeof intents)[number];

function isIntent(value: unknown): value is Intent {
  return typeof value === "string" && (intents as readonly string[]).includes(value);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "expenses:request");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (!isIntent(intent)) {
    return data({ result: null, preview: null, error: "Onbekende handeling." }, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema });
  const db = getDb();
  const budget = getCurrentBudget(db);
  if (!budget) {
    return data(
      { result: submission.reply({ formErrors: [noBudgetMessage] }), preview: null, error: null },
      { status: 400 },
    );
  }
  if (submission.status !== "success") {
    return data({ result: submission.reply(), preview: null, error: null }, { status: 400 });
  }
  const value = submission.value;
  const now = new Date();
  const links = checkLinks(db, value, now);
  if (!links.ok) {
    return data(
      { result: submission.reply({ fieldErrors: links.fieldErrors }), preview: null, error: null },
      { status: 400 },
    );
  }
  if (intent === "preview") {
    // Nothing is written: the same input comes back with the figures it would lead to.
    const effect = describeBudgetEffect(
      getBudgetFigures(db, budget.id),
      value.amount,
      budget.significanceThresholdCents,
    );
    return data({ result: submission.reply(), preview: effect, error: null });
  }
  const result = await requestExpense(
    {
      budgetId: budget.id,
      description: value.description,
      supplier: value.supplier,
      kind: value.kind,
      amountCents: value.amount,
      courseId: links.courseId,
      sessionId: links.sessionId,
    },
    user,
    clientAddressOf(context),
    now,
  );
  if (!result.ok) {
    const errors = result.field
      ? { fieldErrors: { [result.field]: [result.message] } }
      : { formErrors: [result.message] };
    return data({ result: submission.reply(errors), preview: null, error: null }, { status: 400 });
  }
  return redirectWithFlash(`/uitgaven/${result.value.expenseId}`, {
    kind: "success",
    message: result.value.significant
      ? "De uitgave is aangevraagd. Ze is significant: eerst moet het besluit van het college worden vastgelegd."
      : "De uitgave is aangevraagd. Een andere coördinator kan haar nu beoordelen.",
  });
}

export const meta: MetaFunction = () => [
  { title: "Uitgave aanvragen · Uitgaven · Gildeportaal OGW" },
];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadExpenseValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/expense-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function NewExpense() {
  const { budget, kinds, courses, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const hydrated = useHydrated();
  const validation = useDeferredValidation(loadExpenseValidation);
  const [form, fields] = useForm({
    id: "uitgave-aanvragen",
    lastResult: actionData?.result,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.expenseRequestSchema })
      : undefined,
  });
  // Without JavaScript the session list holds every upcoming session ("opleiding – datum"); with it,
  // choosing a course narrows the list to that course's sessions.
  const chosenCourse = fields.courseId.value;
  const sessionOptions =
    hydrated && typeof chosenCourse === "string" && chosenCourse !== ""
      ? sessions.filter((session) => session.courseId === chosenCourse)
      : sessions;
  return (
    <section className="narrow">
      <h1>Uitgave aanvragen</h1>
      {budget ? (
        <>
          <p>
            De uitgave komt ten laste van het {budget.name}. Nu is er {budget.available}{" "}
            beschikbaar. Een andere coördinator beoordeelt de aanvraag. Velden met (verplicht)
            moeten worden ingevuld.
          </p>
          <p className="alert alert--info">{budget.threshold}</p>
          {actionData?.error ? (
            <p className="form-errors" role="alert">
              {actionData.error}
            </p>
          ) : null}
          {actionData?.preview ? (
            <BudgetEffectPanel effect={actionData.preview} headingId="effect-op-budget" />
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextAreaField
              field={fields.description}
              label="Omschrijving"
              hint={`Waarvoor is het geld? Hoogstens ${DESCRIPTION_MAX} tekens.`}
              rows={3}
              required
            />
            <TextField field={fields.supplier} label="Leverancier" required />
            <SelectField
              field={fields.kind}
              label="Soort"
              placeholder="Kies het soort uitgave"
              options={kinds}
              required
            />
            <MoneyField
              field={fields.amount}
              label="Bedrag"
              hint="In euro’s, bijvoorbeeld 1.250,50 of € 1.250."
              required
            />
            <SelectField
              field={fields.courseId}
              label="Opleiding (niet verplicht)"
              placeholder="Geen opleiding"
              options={courses}
              hint="De opleiding uit de catalogus waarvoor deze uitgave is."
            />
            <SelectField
              field={fields.sessionId}
              label="Sessie (niet verplicht)"
              placeholder="Geen sessie"
              options={sessionOptions}
              hint="Alleen sessies die nog moeten komen. Kiest u ook een opleiding, dan hoort de sessie daarbij."
            />
            <div className="form-actions">
              {/* First in the form on purpose: Enter in a field previews instead of requesting. */}
              <button
                type="submit"
                className="button button--secondary"
                name="intent"
                value="preview"
              >
                Bekijk het effect
              </button>
              <button type="submit" className="button" name="intent" value="submit">
                Uitgave aanvragen
              </button>
              <Link to="/uitgaven">Annuleren en terug naar de uitgaven</Link>
            </div>
          </Form>
        </>
      ) : (
        <div className="alert alert--warning">
          <p>{noBudgetMessage}</p>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
