// A coordinator or P&O edits a course, publishes or withdraws it, and reaches its sessions.
// The file name's "$slug_" keeps this page out of the course detail page's layout (no nesting).
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
  CourseFormFields,
  formatSessionPeriod,
  useCourseForm,
} from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import type { SessionStatus } from "#db/schema.ts";
import { hoursToInput } from "#app/domain/catalogue-admin.ts";
import { centsToInput, formatEuro } from "#app/domain/money.ts";
import {
  getCourseForEdit,
  listLearningGoalsForForm,
  listSessionsForCourse,
} from "#app/models/catalogue-admin.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  courseFieldsFromForm,
  saveCourse,
  setCoursePublication,
} from "#app/utils/catalogue-admin.server.ts";
import { courseFormSchema } from "#app/utils/catalogue-schemas.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

// Publishing has buttons of its own, so that it is a deliberate step with its own line in the log.
const schema = courseFormSchema.omit({ published: true });

const sessionStatusLabels: Record<SessionStatus, string> = {
  planned: "Gepland",
  cancelled: "Geannuleerd",
  held: "Geweest",
};

function notFound(): Response {
  return new Response("Deze opleiding bestaat niet.", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "catalogue:manage");
  const db = getDb();
  const course = getCourseForEdit(db, params.slug ?? "");
  if (!course) throw notFound();
  return {
    course: {
      slug: course.slug,
      title: course.title,
      published: course.published,
    },
    defaultValue: {
      title: course.title,
      kind: course.kind,
      summary: course.summary,
      body: course.body,
      provider: course.provider,
      costPerParticipant: centsToInput(course.costPerParticipantCents),
      durationHours: hoursToInput(course.durationHours),
      targetRoles: course.targetRoles,
      learningGoalIds: course.learningGoalIds.map(String),
    },
    learningGoals: listLearningGoalsForForm(db),
    sessions: listSessionsForCourse(db, course.id).map((session) => ({
      id: session.id,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      where: [session.location, session.onlineUrl ? "online" : null].filter(Boolean).join(" en "),
      capacity: session.capacity,
      sessionCostCents: session.sessionCostCents,
      status: session.status,
      cancelReason: session.cancelReason,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "catalogue:manage");
  const slug = params.slug ?? "";
  if (!getCourseForEdit(getDb(), slug)) throw notFound();
  const address = clientAddressOf(context);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  switch (intent) {
    case "save": {
      const submission = parseWithZod(formData, { schema });
      if (submission.status !== "success") {
        return data(
          { intent: "save" as const, result: submission.reply(), error: null },
          { status: 400 },
        );
      }
      const result = saveCourse(slug, courseFieldsFromForm(submission.value), user, address);
      if (!result.ok) {
        if (result.reason === "not_found") throw notFound();
        return data(
          {
            intent: "save" as const,
            result: submission.reply(
              result.field
                ? { fieldErrors: { [result.field]: [result.message] } }
                : { formErrors: [result.message] },
            ),
            error: null,
          },
          { status: 400 },
        );
      }
      return redirectWithFlash(`/catalogus/${slug}`, {
        kind: "success",
        message: result.value.changed
          ? "De wijzigingen zijn opgeslagen."
          : "Er was niets gewijzigd.",
      });
    }
    case "publish":
    case "unpublish": {
      const published = intent === "publish";
      const result = setCoursePublication(slug, published, user, address);
      if (!result.ok) throw notFound();
      return redirectWithFlash(`/catalogus/${slug}/bewerken`, {
        kind: "success",
        message: published
          ? "De opleiding is gepubliceerd en staat voor alle collega’s in de catalogus."
          : "De opleiding is uit de catalogus gehaald; collega’s zien deze niet meer.",
      });
    }
    default:
      return data({ intent: null, result: null, error: "Onbekende handeling." }, { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "Opleiding"} bewerken · Catalogus · Gildeportaal OGW` },
];

export default function EditCourse() {
  const { course, defaultValue, learningGoals, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useCourseForm({
    id: "opleiding-bewerken",
    lastResult: actionData?.intent === "save" ? actionData.result : undefined,
    defaultValue,
  });
  return (
    <section className="narrow">
      <h1>Opleiding bewerken</h1>
      <p className="lead">{course.title}</p>
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {actionData.error}
        </p>
      ) : null}

      <h2>Publicatie</h2>
      <div className="panel">
        {course.published ? (
          <p>
            <span className="status-badge status-badge--published">Gepubliceerd</span> Collega’s
            zien deze opleiding in de catalogus.
          </p>
        ) : (
          <p>
            <span className="status-badge">Concept</span> Alleen coördinatoren en P&amp;O zien deze
            opleiding.
          </p>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value={course.published ? "unpublish" : "publish"} />
          <button
            type="submit"
            className={course.published ? "button button--secondary" : "button"}
          >
            {course.published ? "Uit de catalogus halen" : "Publiceren"}
          </button>
        </Form>
        <p>
          <Link to={`/catalogus/${course.slug}`}>Bekijk de opleiding in de catalogus</Link>
        </p>
      </div>

      <h2>Gegevens</h2>
      <p className="muted">
        Het webadres (/catalogus/{course.slug}) blijft gelijk, ook als u de titel wijzigt.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <CourseFormFields fields={fields} learningGoals={learningGoals} withPublished={false} />
        <div className="form-actions">
          <SubmitButton>Wijzigingen opslaan</SubmitButton>
        </div>
      </Form>

      <h2>Sessies</h2>
      <p>
        <Link className="button button--secondary" to={`/catalogus/${course.slug}/sessies/nieuw`}>
          Sessie toevoegen
        </Link>
      </p>
      {sessions.length === 0 ? (
        <p>Er zijn nog geen sessies voor deze opleiding.</p>
      ) : (
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">Sessies van {course.title}</caption>
            <thead>
              <tr>
                <th scope="col">Wanneer</th>
                <th scope="col">Waar</th>
                <th scope="col" className="numeric">
                  Plaatsen
                </th>
                <th scope="col" className="numeric">
                  Kosten
                </th>
                <th scope="col">Status</th>
                <th scope="col">Acties</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => {
                const when = formatSessionPeriod(session.startsAt, session.endsAt);
                return (
                  <tr key={session.id}>
                    <td>{when}</td>
                    <td>{session.where}</td>
                    <td className="numeric">{session.capacity}</td>
                    <td className="numeric">{formatEuro(session.sessionCostCents)}</td>
                    <td>
                      {sessionStatusLabels[session.status]}
                      {session.status === "cancelled" && session.cancelReason ? (
                        <span className="muted">: {session.cancelReason}</span>
                      ) : null}
                    </td>
                    <td>
                      {session.status === "planned" ? (
                        <ul className="inline-actions">
                          <li>
                            <Link to={`/sessies/${session.id}/bewerken`}>
                              Wijzigen<span className="visually-hidden"> (sessie van {when})</span>
                            </Link>
                          </li>
                          <li>
                            <Link to={`/sessies/${session.id}/annuleren`}>
                              Annuleren<span className="visually-hidden"> (sessie van {when})</span>
                            </Link>
                          </li>
                        </ul>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
