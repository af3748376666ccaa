// /beheer/afdelingen: the administrator sees every department with its active users and adds one.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import {
  FormErrors,
  SubmitButton,
  TextField,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { listDepartmentsWithActiveUsers } from "#app/models/departments.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { departmentFormSchema } from "#app/utils/department-schemas.ts";
import { createDepartment } from "#app/utils/departments.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { DEPARTMENT_CODE_MAX, DEPARTMENT_CODE_MIN } from "#app/utils/form-rules.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "departments:manage");
  return { departments: listDepartmentsWithActiveUsers(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, "departments:manage");
  const submission = parseWithZod(await readForm(request), { schema: departmentFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = createDepartment(submission.value, admin, clientAddressOf(context));
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
  return redirectWithFlash("/beheer/afdelingen", {
    kind: "success",
    message: `De afdeling ${submission.value.code} is toegevoegd.`,
  });
}

export const meta: MetaFunction = () => [{ title: "Afdelingen · Beheer · Gildeportaal OGW" }];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadDepartmentValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/department-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function DepartmentsList() {
  const { departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const validation = useDeferredValidation(loadDepartmentValidation);
  const [form, fields] = useForm({
    id: "afdeling-toevoegen",
    lastResult,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.departmentFormSchema })
      : undefined,
  });
  return (
    <section>
      <h1>Afdelingen</h1>
      <p>
        Collega’s, uitgaven en inschrijvingen horen bij een afdeling; de budgetoverzichten tellen
        per afdeling. Een afdeling die in gebruik is kunt u hernoemen, maar niet verwijderen.
      </p>
      {departments.length === 0 ? (
        <p>Er zijn nog geen afdelingen.</p>
      ) : (
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">Alle afdelingen</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Naam</th>
                <th scope="col" className="numeric">
                  Actieve gebruikers
                </th>
              </tr>
            </thead>
            <tbody>
              {departments.map((department) => (
                <tr key={department.id}>
                  <td>
                    <Link to={`/beheer/afdelingen/${department.id}`}>
                      {department.code}
                      <span className="visually-hidden"> wijzigen</span>
                    </Link>
                  </td>
                  <td>{department.name}</td>
                  <td className="numeric">{department.activeUsers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="narrow">
        <h2>Afdeling toevoegen</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField
            field={fields.code}
            label="Code"
            hint={`${DEPARTMENT_CODE_MIN} tot ${DEPARTMENT_CODE_MAX} tekens: letters, cijfers, spaties en & - /, bijvoorbeeld MO/MB. Wordt in hoofdletters opgeslagen.`}
            autoComplete="off"
            required
          />
          <TextField field={fields.name} label="Naam" autoComplete="off" required />
          <SubmitButton>Afdeling toevoegen</SubmitButton>
        </Form>
      </div>
      <p>
        <Link to="/beheer">Terug naar beheer</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
