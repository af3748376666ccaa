// A coordinator or P&O adds a course to the catalogue.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CourseFormFields, useCourseForm } from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { listLearningGoalsForForm } from "#app/models/catalogue-admin.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { courseFieldsFromForm, createCourse } from "#app/utils/catalogue-admin.server.ts";
import { courseFormSchema } from "#app/utils/catalogue-schemas.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const schema = courseFormSchema;

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "catalogue:manage");
  return { learningGoals: listLearningGoalsForForm(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "catalogue:manage");
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const course = submission.value;
  const result = createCourse(
    { ...courseFieldsFromForm(course), published: course.published },
    user,
    clientAddressOf(context),
  );
  if (!result.ok) {
    return data(
      submission.reply(
        result.field
          ? { fieldErrors: { [result.field]: [result.message] } }
          : { formErrors: [result.message] },
      ),
      { status: 400 },
    );
  }
  return redirectWithFlash(`/catalogus/${result.value.slug}`, {
    kind: "success",
    message: course.published
      ? `De opleiding „${course.title}” staat in de catalogus.`
      : `De opleiding „${course.title}” is opgeslagen als concept; collega’s zien deze pas na publiceren.`,
  });
}

export const meta: MetaFunction = () => [
  { title: "Opleiding toevoegen · Catalogus · Gildeportaal OGW" },
];

export default function NewCourse() {
  const { learningGoals } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useCourseForm({
    id: "opleiding-toevoegen",
    lastResult,
    defaultValue: { costPerParticipant: "0" },
  });
  return (
    <section className="narrow">
      <h1>Opleiding toevoegen</h1>
      <p>
        Een opleiding beschrijft het aanbod; de data en plaatsen voegt u daarna toe als sessies.
        Velden met (verplicht) moeten worden ingevuld.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <CourseFormFields fields={fields} learningGoals={learningGoals} withPublished />
        <div className="form-actions">
          <SubmitButton>Opleiding opslaan</SubmitButton>
          <Link to="/catalogus">Annuleren en terug naar de catalogus</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
