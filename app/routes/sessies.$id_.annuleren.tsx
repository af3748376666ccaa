// A coordinator or P&O cancels a planned session with a reason. The session stays in the catalogue,
// marked cancelled, so that colleagues see what happened to it.
// "$id_" keeps this page out of a session detail page's layout.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatSessionPeriod, TextAreaField } from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors, useDeferredValidation, validationTiming } from "#app/components/forms.tsx";
import {
  CANCEL_REASON_MAX,
  CANCEL_REASON_MIN,
  sessionChangeProblem,
} from "#app/domain/catalogue-admin.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  cancelSessionWithReason,
  requireSessionForEdit,
  sessionNotFoundResponse,
} from "#app/utils/catalogue-admin.server.ts";
import { cancelSessionSchema } from "#app/utils/catalogue-schemas.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const schema = cancelSessionSchema;

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "catalogue:manage");
  const session = requireSessionForEdit(params);
  return {
    session: {
      id: session.id,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      location: session.location,
      online: Boolean(session.onlineUrl),
      cancelReason: session.cancelReason,
    },
    course: session.course,
    problem: sessionChangeProblem(session.status, "cancel")?.message ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "catalogue:manage");
  const session = requireSessionForEdit(params);
  const sessionId = session.id;
  const submission = parseWithZod(await readForm(request), { schema });
  const problem = sessionChangeProblem(session.status, "cancel");
  if (problem) return data(submission.reply({ formErrors: [problem.message] }), { status: 400 });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await cancelSessionWithReason(
    sessionId,
    submission.value.reason,
    user,
    clientAddressOf(context),
  );
  if (!result.ok) {
    if ("reason" in result && result.reason === "not_found") throw sessionNotFoundResponse();
    return data(submission.reply({ formErrors: [result.message] }), { status: 400 });
  }
  return redirectWithFlash(`/catalogus/${session.course.slug}`, {
    kind: "success",
    message:
      "De sessie is geannuleerd en blijft met de reden zichtbaar in de catalogus. Iedereen die was ingeschreven of op de wachtlijst stond, krijgt bericht.",
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Sessie annuleren · ${data?.course.title ?? "Opleiding"} · Gildeportaal OGW` },
];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadCancelValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/catalogue-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function CancelSession() {
  const { session, course, problem } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const validation = useDeferredValidation(loadCancelValidation);
  const [form, fields] = useForm({
    id: "sessie-annuleren",
    lastResult,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.cancelSessionSchema })
      : undefined,
  });
  const where = [session.location, session.online ? "online" : null].filter(Boolean).join(" en ");
  return (
    <section className="narrow">
      <h1>Sessie annuleren</h1>
      <dl className="details">
        <dt>Opleiding</dt>
        <dd>{course.title}</dd>
        <dt>Wanneer</dt>
        <dd>{formatSessionPeriod(session.startsAt, session.endsAt)}</dd>
        {where ? (
          <>
            <dt>Waar</dt>
            <dd>{where}</dd>
          </>
        ) : null}
      </dl>
      {problem ? (
        <div className="alert alert--info">
          <p>{problem}</p>
          {session.cancelReason ? <p>Reden: {session.cancelReason}</p> : null}
        </div>
      ) : (
        <>
          <p>
            De sessie blijft in de catalogus staan, gemarkeerd als geannuleerd en met de reden die u
            hieronder geeft. Annuleren kan niet ongedaan worden gemaakt.
          </p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextAreaField
              field={fields.reason}
              label="Reden van de annulering"
              hint={`Collega’s zien deze reden. Tussen ${CANCEL_REASON_MIN} en ${CANCEL_REASON_MAX} tekens.`}
              rows={4}
              required
            />
            <div className="form-actions">
              <button type="submit" className="button button--danger">
                Sessie annuleren
              </button>
              <Link to={`/catalogus/${course.slug}/bewerken`}>
                Niet annuleren, terug naar de opleiding
              </Link>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
