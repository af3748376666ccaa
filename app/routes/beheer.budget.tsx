// /beheer/budget: the administrator sets up the budget, changes its settings and raises or lowers
// the amount. Three forms, told apart by `intent`; each one validates with its own schema.
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import {
  FormErrors,
  SelectField,
  SubmitButton,
  TextField,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { formatDutchDate } from "#app/domain/budget-report.ts";
import { centsToInput, formatEuro } from "#app/domain/money.ts";
import { getBudgetFigures, getCurrentBudget } from "#app/models/budget.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { adjustSchema, createSchema, settingsSchema } from "#app/utils/budget-schemas.ts";
import { changeBudgetSettings, createBudget } from "#app/utils/budget-settings.server.ts";
import { adjustBudget } from "#app/utils/expenses.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

export { THRESHOLD_ZERO_MESSAGE } from "#app/utils/form-rules.ts";

type Intent = "settings" | "create" | "adjust";

/** The forms' schemas and conform's parser, fetched after hydration (ADR 011). */
async function loadBudgetValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/budget-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

// ---- Loader and action ----

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "budget:settings");
  const db = getDb();
  const budget = getCurrentBudget(db);
  if (!budget) return { budget: null };
  const figures = getBudgetFigures(db, budget.id);
  return {
    period: `${formatDutchDate(budget.startDate)} tot en met ${formatDutchDate(budget.endDate)}`,
    budget: {
      name: budget.name,
      fundingSource: budget.fundingSource,
      decisionDate: budget.decisionDate,
      decisionReference: budget.decisionReference,
      startDate: budget.startDate,
      endDate: budget.endDate,
      significanceThreshold: centsToInput(budget.significanceThresholdCents),
    },
    figures: {
      budget: formatEuro(figures.budgetCents),
      used: formatEuro(figures.committedCents + figures.actualCents),
      available: formatEuro(figures.availableCents),
    },
  };
}

function answer(intent: Intent, result: SubmissionResult<string[]>) {
  return data({ intent, result }, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, "budget:settings");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const address = clientAddressOf(context);
  const db = getDb();

  switch (intent) {
    case "settings": {
      const submission = parseWithZod(formData, { schema: settingsSchema });
      if (submission.status !== "success") return answer("settings", submission.reply());
      const budget = getCurrentBudget(db);
      if (!budget)
        return answer(
          "settings",
          submission.reply({ formErrors: ["Er is nog geen budget om aan te passen."] }),
        );
      const { intent: _intent, significanceThreshold, ...rest } = submission.value;
      const result = changeBudgetSettings(
        budget.id,
        { ...rest, significanceThresholdCents: significanceThreshold },
        admin,
        address,
      );
      if (!result.ok) return answer("settings", submission.reply({ formErrors: [result.message] }));
      return redirectWithFlash("/beheer/budget", {
        kind: "success",
        message:
          result.value.changed.length === 0
            ? "Er was niets gewijzigd; de instellingen zijn gelijk gebleven."
            : "De instellingen van het budget zijn opgeslagen.",
      });
    }
    case "create": {
      const submission = parseWithZod(formData, { schema: createSchema });
      if (submission.status !== "success") return answer("create", submission.reply());
      const { intent: _intent, significanceThreshold, initialAmount, ...rest } = submission.value;
      const result = createBudget(
        {
          ...rest,
          significanceThresholdCents: significanceThreshold,
          initialAmountCents: initialAmount,
        },
        admin,
        address,
      );
      if (!result.ok) return answer("create", submission.reply({ formErrors: [result.message] }));
      return redirectWithFlash("/budget", {
        kind: "success",
        message: `Het budget is ingesteld met ${formatEuro(initialAmount)}.`,
      });
    }
    case "adjust": {
      const submission = parseWithZod(formData, { schema: adjustSchema });
      if (submission.status !== "success") return answer("adjust", submission.reply());
      const budget = getCurrentBudget(db);
      if (!budget)
        return answer(
          "adjust",
          submission.reply({ formErrors: ["Er is nog geen budget om aan te passen."] }),
        );
      const { direction, amount, reason } = submission.value;
      const signed = direction === "lower" ? -amount : amount;
      const result = await adjustBudget(budget.id, signed, reason, admin, address);
      if (!result.ok) {
        // Lowering below what is already used is a refusal about the amount, so it shows beside it.
        const onAmount = result.field === "amount" || direction === "lower";
        return answer(
          "adjust",
          submission.reply(
            onAmount
              ? { fieldErrors: { amount: [result.message] } }
              : { formErrors: [result.message] },
          ),
        );
      }
      const after = getBudgetFigures(db, budget.id);
      return redirectWithFlash("/beheer/budget", {
        kind: "success",
        message: `Het budget is ${direction === "lower" ? "verlaagd" : "verhoogd"} met ${formatEuro(amount)} tot ${formatEuro(after.budgetCents)}.`,
      });
    }
    default:
      return data({ intent: null, result: undefined }, { status: 400 });
  }
}

export const meta: MetaFunction = () => [{ title: "Budget · Beheer · Gildeportaal OGW" }];

// ---- Page ----

const createDefaults = {
  intent: "create",
  name: "Opleidingsbudget Gilde OGW",
  fundingSource: "Incidentele middelen (concernontwikkelprogramma, organisatiescan)",
  decisionDate: "2023-01-31",
  decisionReference: "Z.180338 / D.1436779",
  significanceThreshold: "2.500",
  initialAmount: "15.000",
};

export default function BudgetSettingsPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) =>
    actionData?.intent === intent ? actionData.result : undefined;

  return (
    <section className="narrow">
      <h1>Budget instellen</h1>
      {loaderData.budget ? (
        <>
          <p>
            Het budget staat op {loaderData.figures.budget}; daarvan is {loaderData.figures.used}{" "}
            verplicht of uitgegeven en {loaderData.figures.available} beschikbaar.{" "}
            <Link to="/budget">Naar het budgetoverzicht</Link>
          </p>
          <SettingsForm
            defaults={{ intent: "settings", ...loaderData.budget }}
            lastResult={resultFor("settings")}
          />
          <AdjustForm available={loaderData.figures.available} lastResult={resultFor("adjust")} />
        </>
      ) : (
        <CreateForm lastResult={resultFor("create")} />
      )}
      <p>
        <Link to="/beheer">Terug naar beheer</Link>
      </p>
    </section>
  );
}

type LastResult = SubmissionResult<string[]> | undefined;

type SettingsFieldName =
  | "name"
  | "fundingSource"
  | "decisionDate"
  | "decisionReference"
  | "startDate"
  | "endDate"
  | "significanceThreshold";

/** The fields of the settings, shared by the form that changes them and the one that creates the budget. */
function SettingsFields({ fields }: { fields: Record<SettingsFieldName, FieldMetadata<string>> }) {
  return (
    <>
      <TextField field={fields.name} label="Naam" autoComplete="off" required />
      <TextField
        field={fields.fundingSource}
        label="Financiering"
        hint="Waaruit het budget wordt betaald, bijvoorbeeld incidentele middelen."
        autoComplete="off"
        required
      />
      <TextField
        field={fields.decisionDate}
        label="Datum collegebesluit"
        type="date"
        hint="Bijvoorbeeld 2023-01-31."
        required
      />
      <TextField
        field={fields.decisionReference}
        label="Kenmerk collegebesluit"
        hint="Zaak- en documentnummer, bijvoorbeeld Z.180338 / D.1436779."
        autoComplete="off"
        required
      />
      <TextField
        field={fields.startDate}
        label="Begin van de periode"
        type="date"
        hint="De eerste dag, bijvoorbeeld 2023-02-01."
        required
      />
      <TextField
        field={fields.endDate}
        label="Einde van de periode"
        type="date"
        hint="De laatste dag, bijvoorbeeld 2025-12-31."
        required
      />
      <TextField
        field={fields.significanceThreshold}
        label="Drempel significante uitgave (euro)"
        hint="Vanaf dit bedrag besluit het college vooraf. Een nieuwe drempel geldt voor nieuwe aanvragen; eerdere aanvragen houden hun markering."
        autoComplete="off"
        required
      />
    </>
  );
}

function SettingsForm({
  defaults,
  lastResult,
}: {
  defaults: z.input<typeof settingsSchema>;
  lastResult: LastResult;
}) {
  const validation = useDeferredValidation(loadBudgetValidation);
  const [form, fields] = useForm<z.input<typeof settingsSchema>, z.output<typeof settingsSchema>>({
    id: "budget-instellingen",
    lastResult,
    defaultValue: defaults,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.settingsSchema })
      : undefined,
  });
  return (
    <section aria-labelledby="instellingen">
      <h2 id="instellingen">Instellingen</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="settings" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SettingsFields fields={fields} />
        <SubmitButton>Instellingen opslaan</SubmitButton>
      </Form>
    </section>
  );
}

function AdjustForm({ available, lastResult }: { available: string; lastResult: LastResult }) {
  const validation = useDeferredValidation(loadBudgetValidation);
  const [form, fields] = useForm<z.input<typeof adjustSchema>, z.output<typeof adjustSchema>>({
    id: "budget-aanpassen",
    lastResult,
    defaultValue: { intent: "adjust", direction: "raise" },
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.adjustSchema })
      : undefined,
  });
  return (
    <section aria-labelledby="aanpassen">
      <h2 id="aanpassen">Budget verhogen of verlagen</h2>
      <p>
        Elke aanpassing komt als boeking in het grootboek, met uw naam en de reden. Verlagen kan tot
        hoogstens wat beschikbaar is ({available}).
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="adjust" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.direction}
          label="Verhogen of verlagen"
          options={[
            { value: "raise", label: "Verhogen" },
            { value: "lower", label: "Verlagen" },
          ]}
          required
        />
        <TextField
          field={fields.amount}
          label="Bedrag (euro)"
          hint="Bijvoorbeeld 1.250,50."
          autoComplete="off"
          required
        />
        <TextField
          field={fields.reason}
          label="Reden"
          hint="Bijvoorbeeld het collegebesluit of de begrotingswijziging waarop de aanpassing berust."
          autoComplete="off"
          required
        />
        <SubmitButton>Budget aanpassen</SubmitButton>
      </Form>
    </section>
  );
}

function CreateForm({ lastResult }: { lastResult: LastResult }) {
  const validation = useDeferredValidation(loadBudgetValidation);
  const [form, fields] = useForm<z.input<typeof createSchema>, z.output<typeof createSchema>>({
    id: "budget-aanmaken",
    lastResult,
    defaultValue: createDefaults,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.createSchema })
      : undefined,
  });
  return (
    <section aria-labelledby="aanmaken">
      <h2 id="aanmaken">Nieuw budget</h2>
      <p>
        Er is nog geen opleidingsbudget. Vul de gegevens uit het collegebesluit in; het bedrag wordt
        als eerste toekenning in het grootboek geboekt.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SettingsFields fields={fields} />
        <TextField
          field={fields.initialAmount}
          label="Bedrag van het budget (euro)"
          hint="Bijvoorbeeld 15.000."
          autoComplete="off"
          required
        />
        <SubmitButton>Budget instellen</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
