// /beheer/afdelingen/:id: the administrator changes a department's code and name, or deletes a
// department that nothing refers to. Two forms, told apart by `intent`.
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
import { departmentUsage } from "#app/models/departments.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { departmentSaveSchema } from "#app/utils/department-schemas.ts";
import {
  departmentInUseMessage,
  departmentNotFoundResponse,
  removeDepartment,
  requireDepartment,
  saveDepartment,
} from "#app/utils/departments.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { DEPARTMENT_CODE_MAX, DEPARTMENT_CODE_MIN } from "#app/utils/form-rules.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const saveSchema = departmentSaveSchema;

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "departments:manage");
  const department = requireDepartment(params);
  const usage = departmentUsage(getDb(), department.id);
  return {
    department: { id: department.id, code: department.code, name: department.name },
    usage,
    inUseMessage: departmentInUseMessage(usage),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, "departments:manage");
  const department = requireDepartment(params);
  const address = clientAddressOf(context);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "save": {
      const submission = parseWithZod(formData, { schema: saveSchema });
      if (submission.status !== "success") {
        return data(
          { intent: "save" as const, result: submission.reply(), error: null },
          { status: 400 },
        );
      }
      const result = saveDepartment(department.id, submission.value, admin, address);
      if (!result.ok) {
        if (result.reason === "not_found") throw departmentNotFoundResponse();
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
      return redirectWithFlash("/beheer/afdelingen", {
        kind: "success",
        message: result.value.changed
          ? `De afdeling ${submission.value.code} is opgeslagen.`
          : "Er was niets gewijzigd.",
      });
    }
    case "delete": {
      const result = removeDepartment(department.id, admin, address);
      if (!result.ok) {
        if (result.reason === "not_found") throw departmentNotFoundResponse();
        return data(
          { intent: "delete" as const, result: null, error: result.message },
          { status: 400 },
        );
      }
      return redirectWithFlash("/beheer/afdelingen", {
        kind: "success",
        message: `De afdeling ${result.value.code} is verwijderd.`,
      });
    }
    default:
      return data({ intent: null, result: null, error: "Onbekende handeling." }, { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.department.code ?? "Afdeling"} · Afdelingen · Beheer · Gildeportaal OGW` },
];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadDepartmentValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/department-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function EditDepartment() {
  const { department, usage, inUseMessage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const validation = useDeferredValidation(loadDepartmentValidation);
  const [form, fields] = useForm({
    id: "afdeling-wijzigen",
    lastResult: actionData?.intent === "save" ? actionData.result : undefined,
    defaultValue: { code: department.code, name: department.name },
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.departmentSaveSchema })
      : undefined,
  });
  return (
    <section className="narrow">
      <h1>Afdeling {department.code}</h1>
      <p className="lead">{department.name}</p>
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <dl className="details">
        <dt>Actieve gebruikers</dt>
        <dd>{usage.activeUsers}</dd>
        <dt>Alle gebruikers</dt>
        <dd>{usage.users}</dd>
        <dt>Uitgaven</dt>
        <dd>{usage.expenses}</dd>
        <dt>Inschrijvingen</dt>
        <dd>{usage.enrolments}</dd>
      </dl>

      <h2>Code en naam wijzigen</h2>
      <p className="muted">
        Overzichten en exports tonen de nieuwe code en naam, ook bij uitgaven en inschrijvingen van
        vóór de wijziging.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.code}
          label="Code"
          hint={`${DEPARTMENT_CODE_MIN} tot ${DEPARTMENT_CODE_MAX} tekens: letters, cijfers, spaties en & - /. Wordt in hoofdletters opgeslagen.`}
          autoComplete="off"
          required
        />
        <TextField field={fields.name} label="Naam" autoComplete="off" required />
        <SubmitButton>Wijzigingen opslaan</SubmitButton>
      </Form>

      <h2>Afdeling verwijderen</h2>
      {inUseMessage ? (
        <p className="alert alert--info">{inUseMessage}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <p>Niemand en niets verwijst naar deze afdeling; u kunt haar verwijderen.</p>
          <button type="submit" className="button button--danger">
            Afdeling verwijderen
          </button>
        </Form>
      )}
      <p>
        <Link to="/beheer/afdelingen">Terug naar afdelingen</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
