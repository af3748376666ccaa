// A coordinator or P&O changes a planned session. Cancelled and held sessions stay as they were.
// "$id_" keeps this page out of a session detail page's layout.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  formatSessionPeriod,
  SessionFormFields,
  useSessionForm,
} from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { sessionChangeProblem } from "#app/domain/catalogue-admin.ts";
import { centsToInput } from "#app/domain/money.ts";
import { utcToAmsterdamLocal } from "#app/domain/time.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  saveSession,
  sessionFieldsFromForm,
  requireSessionForEdit,
  sessionNotFoundResponse,
} from "#app/utils/catalogue-admin.server.ts";
import { sessionFormSchema } from "#app/utils/catalogue-schemas.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const schema = sessionFormSchema;

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "catalogue:manage");
  const session = requireSessionForEdit(params);
  return {
    session: { id: session.id, startsAt: session.startsAt, endsAt: session.endsAt },
    course: session.course,
    problem: sessionChangeProblem(session.status, "edit")?.message ?? null,
    defaultValue: {
      startsAt: utcToAmsterdamLocal(session.startsAt),
      endsAt: utcToAmsterdamLocal(session.endsAt),
      location: session.location ?? "",
      onlineUrl: session.onlineUrl ?? "",
      capacity: String(session.capacity),
      enrolmentDeadline: utcToAmsterdamLocal(session.enrolmentDeadline),
      sessionCost: centsToInput(session.sessionCostCents),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "catalogue:manage");
  const session = requireSessionForEdit(params);
  const sessionId = session.id;
  const submission = parseWithZod(await readForm(request), { schema });
  const problem = sessionChangeProblem(session.status, "edit");
  if (problem) return data(submission.reply({ formErrors: [problem.message] }), { status: 400 });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await saveSession(
    sessionId,
    sessionFieldsFromForm(submission.value),
    user,
    clientAddressOf(context),
  );
  if (!result.ok) {
    if ("reason" in result && result.reason === "not_found") throw sessionNotFoundResponse();
    if ("field" in result && result.field)
      return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), {
        status: 400,
      });
    return data(submission.reply({ formErrors: [result.message] }), { status: 400 });
  }
  return redirectWithFlash(`/catalogus/${session.course.slug}`, {
    kind: "success",
    message: !result.value.changed
      ? "Er was niets gewijzigd aan de sessie."
      : result.value.promoted === 0
        ? "De sessie is gewijzigd."
        : `De sessie is gewijzigd. ${result.value.promoted === 1 ? "De eerste op de wachtlijst schuift" : `${result.value.promoted} wachtenden schuiven`} door naar de vrije plaatsen.`,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Sessie wijzigen · ${data?.course.title ?? "Opleiding"} · Gildeportaal OGW` },
];

export default function EditSession() {
  const { session, course, problem, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSessionForm({ id: "sessie-wijzigen", lastResult, defaultValue });
  return (
    <section className="narrow">
      <h1>Sessie wijzigen</h1>
      <p className="lead">
        {course.title}, {formatSessionPeriod(session.startsAt, session.endsAt)}
      </p>
      {problem ? (
        <div className="alert alert--info">
          <p>{problem}</p>
        </div>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SessionFormFields fields={fields} />
          <div className="form-actions">
            <SubmitButton>Wijzigingen opslaan</SubmitButton>
            <Link to={`/sessies/${session.id}/annuleren`}>Deze sessie annuleren</Link>
          </div>
        </Form>
      )}
      <p>
        <Link to={`/catalogus/${course.slug}/bewerken`}>Terug naar de opleiding</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
