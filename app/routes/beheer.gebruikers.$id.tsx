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
import {
  FormErrors,
  SelectField,
  SubmitButton,
  TextField,
  useDeferredValidation,
} from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { amsterdamDateOf, formatDutchDate } from "#app/domain/budget-report.ts";
import { appRoleLabels, appRoles, ogwRoleLabels, userStatusLabels } from "#app/domain/roles.ts";
import { findDepartment, findUserById } from "#app/models/users.server.ts";
import { anonymiseSchema, changeRoleSchema } from "#app/utils/account-schemas.ts";
import { changeAppRole, resendInvitation, setUserActive } from "#app/utils/account.server.ts";
import { anonymisationRefusal, anonymiseMember } from "#app/utils/anonymise.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { can } from "#app/utils/permissions.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const roleSchema = changeRoleSchema;
const intentSchema = z.object({
  intent: z.enum(["change_role", "deactivate", "reactivate", "resend_invitation", "anonymise"], {
    error: "Onbekende handeling.",
  }),
});

const anonymisedMessage = "Dit account is geanonimiseerd en kan niet meer worden gebruikt.";

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
  const anonymiseRefusal = can(admin.appRole, "users:anonymise")
    ? anonymisationRefusal(user, admin.id, amsterdamDateOf(new Date()))
    : "Alleen een beheerder kan een lid anonimiseren.";
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      appRole: user.appRole,
      ogwRole: user.ogwRole,
      status: user.status,
      department: department ? `${department.code} – ${department.name}` : null,
      anonymisedOn: user.anonymisedAt ? amsterdamDateOf(user.anonymisedAt) : null,
    },
    isSelf: admin.id === user.id,
    anonymiseRefusal,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, "users:manage");
  const userId = userIdFrom(params);
  const address = clientAddressOf(context);
  const formData = await readForm(request);
  const intent = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) {
    return data({ intent: null, result: null, error: "Onbekende handeling." }, { status: 400 });
  }
  const back = `/beheer/gebruikers/${userId}`;
  if (intent.data.intent === "anonymise") requirePermission(request, "users:anonymise");
  // An anonymised account stays closed: no new role, no reactivation, no invitation.
  else if (intent.data.intent !== "deactivate" && findUserById(getDb(), userId)?.anonymisedAt) {
    return data(
      { intent: intent.data.intent, result: null, error: anonymisedMessage },
      { status: 400 },
    );
  }
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
    case "anonymise": {
      const user = findUserById(getDb(), userId);
      if (!user) throw new Response("Niet gevonden", { status: 404 });
      const submission = parseWithZod(formData, { schema: anonymiseSchema(user.name) });
      if (submission.status !== "success") {
        return data(
          { intent: "anonymise", result: submission.reply(), error: null },
          { status: 400 },
        );
      }
      const result = anonymiseMember(userId, admin, address);
      if (!result.ok) {
        return data(
          {
            intent: "anonymise",
            result: submission.reply({ formErrors: [result.message] }),
            error: null,
          },
          { status: 400 },
        );
      }
      return redirectWithFlash(back, {
        kind: "success",
        message: `Het oud-lid is geanonimiseerd en heet nu „${result.value.name}”. Inschrijvingen, uitgaven, grootboek en rapportages zijn ongewijzigd.`,
      });
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.name ?? "Gebruiker"} · Beheer · Gildeportaal OGW` },
];

/** The forms' schemas and conform's parser, fetched after hydration (ADR 011). */
async function loadAccountValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/account-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function UserDetail() {
  const { user, isSelf, anonymiseRefusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Both forms check on submit only, in the browser once the validation has loaded.
  const validation = useDeferredValidation(loadAccountValidation);
  const [form, fields] = useForm({
    id: "rol-wijzigen",
    lastResult: actionData?.intent === "change_role" ? actionData.result : undefined,
    defaultValue: { appRole: user.appRole, intent: "change_role" },
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.changeRoleSchema })
      : undefined,
  });
  const [anonymiseForm, anonymiseFields] = useForm({
    id: "anonimiseren",
    lastResult: actionData?.intent === "anonymise" ? actionData.result : undefined,
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, {
            schema: validation.schemas.anonymiseSchema(user.name),
          })
      : undefined,
    shouldValidate: "onSubmit",
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
      {user.anonymisedOn ? (
        <p className="alert alert--info">
          Deze gebruiker is op {formatDutchDate(user.anonymisedOn)} geanonimiseerd. Het account kan
          niet meer worden gebruikt.
        </p>
      ) : isSelf ? (
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
      {user.anonymisedOn ? null : (
        <>
          <h2>Anonimiseren</h2>
          <p>
            Anonimiseren is voor een lid dat het gilde heeft verlaten. Naam en e-mailadres worden
            vervangen door „Oud-lid {user.id}”, team, introductie en expertises worden gewist, het
            account wordt gesloten en alle sessies eindigen. In e-mails in het postvak wordt de naam
            vervangen; e-mails aan dit lid worden leeggemaakt en niet meer verstuurd.
          </p>
          <p>
            Inschrijvingen, uitgaven, het grootboek en het logboek blijven zoals ze zijn: het
            budget, de aantallen deelnemers en de rapportages veranderen niet. Anonimiseren kan niet
            ongedaan worden gemaakt.
          </p>
          {anonymiseRefusal ? (
            <p className="alert alert--info">{anonymiseRefusal}</p>
          ) : (
            <Form method="post" {...getFormProps(anonymiseForm)}>
              <FormErrors id={anonymiseForm.errorId} errors={anonymiseForm.errors} />
              <input type="hidden" name="intent" value="anonymise" />
              <TextField
                field={anonymiseFields.confirmName}
                label="Typ ter bevestiging de naam van dit lid"
                hint={`Typ: ${user.name}`}
                autoComplete="off"
                required
              />
              <SubmitButton>Definitief anonimiseren</SubmitButton>
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
