import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { appRoleLabels, appRoles, ogwRoleLabels, userStatusLabels } from "#app/domain/roles.ts";
import { findDepartment, findUserById } from "#app/models/users.server.ts";
import { changeAppRole, resendInvitation, setUserActive } from "#app/utils/account.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const roleSchema = z.object({
  intent: z.literal("change_role"),
  appRole: z.enum(appRoles, { error: "Kies een rol in de app." }),
});
const intentSchema = z.object({
  intent: z.enum(["change_role", "deactivate", "reactivate", "resend_invitation"], {
    error: "Onbekende handeling.",
  }),
});

function userIdFrom(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Niet gevonden", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = requirePermission(request, "users:manage");
  const db = getDb();
  const user = findUserById(db, userIdFrom(params));
  if (!user) throw new Response("Niet gevonden", { status: 404 });
  const department = user.departmentId ? findDepartment(db, user.departmentId) : undefined;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      appRole: user.appRole,
      ogwRole: user.ogwRole,
      status: user.status,
      department: department ? `${department.code} – ${department.name}` : null,
    },
    isSelf: admin.id === user.id,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, "users:manage");
  const userId = userIdFrom(params);
  const address = clientAddressOf(context);
  const formData = await request.formData();
  const intent = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) {
    return data({ intent: null, result: null, error: "Onbekende handeling." }, { status: 400 });
  }
  const back = `/beheer/gebruikers/${userId}`;
  switch (intent.data.intent) {
    case "change_role": {
      const submission = parseWithZod(formData, { schema: roleSchema });
      if (submission.status !== "success") {
        return data(
          { intent: "change_role", result: submission.reply(), error: null },
          { status: 400 },
        );
      }
      const result = changeAppRole(userId, submission.value.appRole, admin, address);
      if (!result.ok) {
        return data(
          {
            intent: "change_role",
            result: submission.reply({ fieldErrors: { appRole: [result.message] } }),
            error: null,
          },
          { status: 400 },
        );
      }
      return redirectWithFlash(back, {
        kind: "success",
        message: "De rol is gewijzigd. De gebruiker is op alle apparaten uitgelogd.",
      });
    }
    case "deactivate":
    case "reactivate": {
      const active = intent.data.intent === "reactivate";
      const result = setUserActive(userId, active, admin, address);
      if (!result.ok)
        return data(
          { intent: intent.data.intent, result: null, error: result.message },
          { status: 400 },
        );
      return redirectWithFlash(back, {
        kind: "success",
        message: active
          ? "Het account is weer actief."
          : "Het account is gedeactiveerd. De gebruiker is op alle apparaten uitgelogd.",
      });
    }
    case "resend_invitation": {
      const result = await resendInvitation(userId, admin, address);
      if (!result.ok)
        return data(
          { intent: "resend_invitation", result: null, error: result.message },
          { status: 400 },
        );
      return redirectWithFlash(back, {
        kind: "success",
        message: "Er staat een nieuwe uitnodiging klaar.",
      });
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.name ?? "Gebruiker"} · Beheer · Gildeportaal OGW` },
];

export default function UserDetail() {
  const { user, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "rol-wijzigen",
    lastResult: actionData?.intent === "change_role" ? actionData.result : undefined,
    defaultValue: { appRole: user.appRole, intent: "change_role" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roleSchema }),
  });
  return (
    <section className="narrow">
      <h1>{user.name}</h1>
      <dl className="details">
        <dt>E-mailadres</dt>
        <dd>{user.email}</dd>
        <dt>Afdeling</dt>
        <dd>{user.department ?? "–"}</dd>
        <dt>OGW-rol</dt>
        <dd>{ogwRoleLabels[user.ogwRole]}</dd>
        <dt>Rol in de app</dt>
        <dd>{appRoleLabels[user.appRole]}</dd>
        <dt>Status</dt>
        <dd>{userStatusLabels[user.status]}</dd>
      </dl>
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {isSelf ? (
        <p className="alert alert--info">
          Dit is uw eigen account. Een andere beheerder kan uw rol of status wijzigen.
        </p>
      ) : (
        <>
          <h2>Rol in de app wijzigen</h2>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="change_role" />
            <SelectField
              field={fields.appRole}
              label="Rol in de app"
              options={appRoles.map((role) => ({ value: role, label: appRoleLabels[role] }))}
            />
            <SubmitButton>Rol opslaan</SubmitButton>
          </Form>
          <h2>Toegang</h2>
          {user.status === "invited" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resend_invitation" />
              <SubmitButton>Nieuwe uitnodiging versturen</SubmitButton>
            </Form>
          ) : null}
          {user.status === "deactivated" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <SubmitButton>Account weer activeren</SubmitButton>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="deactivate" />
              <p>
                Na deactiveren kan deze collega niet meer inloggen en eindigen alle open sessies
                direct.
              </p>
              <SubmitButton>Account deactiveren</SubmitButton>
            </Form>
          )}
        </>
      )}
      <p>
        <Link to="/beheer/gebruikers">Terug naar gebruikers</Link>
      </p>
    </section>
  );
}
