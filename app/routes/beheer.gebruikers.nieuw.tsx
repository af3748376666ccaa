import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  FormErrors,
  SelectField,
  SubmitButton,
  TextField,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { appRoleLabels, appRoles, ogwRoleLabels, ogwRoles } from "#app/domain/roles.ts";
import { findDepartment, listDepartments } from "#app/models/users.server.ts";
import { inviteUserSchema } from "#app/utils/account-schemas.ts";
import { inviteUser } from "#app/utils/account.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const schema = inviteUserSchema;

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "users:manage");
  return { departments: listDepartments(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, "users:manage");
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (!findDepartment(getDb(), submission.value.departmentId)) {
    return data(
      submission.reply({ fieldErrors: { departmentId: ["Kies een afdeling uit de lijst."] } }),
      {
        status: 400,
      },
    );
  }
  const result = await inviteUser(submission.value, admin, clientAddressOf(context));
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
  return redirectWithFlash(`/beheer/gebruikers/${result.value.userId}`, {
    kind: "success",
    message: `De uitnodiging voor ${submission.value.name} staat klaar om te worden verstuurd.`,
  });
}

export const meta: MetaFunction = () => [
  { title: "Collega uitnodigen · Beheer · Gildeportaal OGW" },
];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadAccountValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/account-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function InviteUser() {
  const { departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const validation = useDeferredValidation(loadAccountValidation);
  const [form, fields] = useForm({
    id: "uitnodigen",
    lastResult,
    ...validationTiming(validation !== null),
    defaultValue: { appRole: "member" },
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.inviteUserSchema })
      : undefined,
  });
  return (
    <section className="narrow">
      <h1>Collega uitnodigen</h1>
      <p>
        De collega krijgt een e-mail met een persoonlijke link om een wachtwoord in te stellen. De
        link is zeven dagen geldig en werkt één keer.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label="Naam" autoComplete="off" required />
        <TextField
          field={fields.email}
          label="E-mailadres"
          type="email"
          autoComplete="off"
          required
        />
        <SelectField
          field={fields.departmentId}
          label="Afdeling"
          placeholder="Kies een afdeling"
          options={departments.map((d) => ({
            value: String(d.id),
            label: `${d.code} – ${d.name}`,
          }))}
          required
        />
        <SelectField
          field={fields.ogwRole}
          label="OGW-rol"
          placeholder="Kies een OGW-rol"
          options={ogwRoles.map((role) => ({ value: role, label: ogwRoleLabels[role] }))}
          required
        />
        <SelectField
          field={fields.appRole}
          label="Rol in de app"
          options={appRoles.map((role) => ({ value: role, label: appRoleLabels[role] }))}
          required
        />
        <SubmitButton>Uitnodiging versturen</SubmitButton>
      </Form>
      <p>
        <Link to="/beheer/gebruikers">Terug naar gebruikers</Link>
      </p>
    </section>
  );
}
