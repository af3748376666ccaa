// A coordinator or P&O plans a session (a dated edition with places) of a course.
// "$slug_" keeps this page out of the course detail page's layout.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SessionFormFields, useSessionForm } from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { getCourseForEdit } from "#app/models/catalogue-admin.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { createSession, sessionFieldsFromForm } from "#app/utils/catalogue-admin.server.ts";
import { sessionFormSchema } from "#app/utils/catalogue-schemas.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const schema = sessionFormSchema;

function notFound(): Response {
  return new Response("Deze opleiding bestaat niet.", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "catalogue:manage");
  const course = getCourseForEdit(getDb(), params.slug ?? "");
  if (!course) throw notFound();
  return { course: { slug: course.slug, title: course.title } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "catalogue:manage");
  const slug = params.slug ?? "";
  if (!getCourseForEdit(getDb(), slug)) throw notFound();
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = createSession(
    slug,
    sessionFieldsFromForm(submission.value),
    user,
    clientAddressOf(context),
  );
  if (!result.ok) throw notFound();
  return redirectWithFlash(`/catalogus/${slug}`, {
    kind: "success",
    message: "De sessie is toegevoegd.",
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Sessie toevoegen · ${data?.course.title ?? "Opleiding"} · Gildeportaal OGW` },
];

export default function NewSession() {
  const { course } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSessionForm({
    id: "sessie-toevoegen",
    lastResult,
    defaultValue: { sessionCost: "0" },
  });
  return (
    <section className="narrow">
      <h1>Sessie toevoegen</h1>
      <p className="lead">{course.title}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <SessionFormFields fields={fields} />
        <div className="form-actions">
          <SubmitButton>Sessie opslaan</SubmitButton>
          <Link to={`/catalogus/${course.slug}/bewerken`}>Terug naar de opleiding</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
