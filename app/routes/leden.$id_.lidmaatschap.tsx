// A coordinator or administrator registers when a member joined the guild and, if so, when they left.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { InputField } from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import {
  FormErrors,
  SubmitButton,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { canRegisterMembership, latestMembershipDate } from "#app/domain/profile.ts";
import { findProfile } from "#app/models/profiles.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { amsterdamToday } from "#app/utils/expense-schemas.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { formatCalendarDate } from "#app/utils/profile-format.ts";
import { describeMembership, membershipSchema } from "#app/utils/profile-schemas.ts";
import { registerMembership } from "#app/utils/profile.server.ts";

function notFound(): Response {
  return new Response("Niet gevonden", { status: 404 });
}

function memberIdFrom(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** Unknown ids, invitations nobody accepted and anonymised members all answer 404. */
function findRegistrableMember(id: number) {
  const member = findProfile(getDb(), id);
  if (!member || !canRegisterMembership(member)) throw notFound();
  return member;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "members:manage-membership");
  const member = findRegistrableMember(memberIdFrom(params));
  const today = amsterdamToday();
  return {
    member: {
      id: member.id,
      name: member.name,
      joinedOn: member.guildJoinedOn,
      leftOn: member.guildLeftOn,
      membership: describeMembership(member.guildJoinedOn, member.guildLeftOn, today),
    },
    today,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requirePermission(request, "members:manage-membership");
  const member = findRegistrableMember(memberIdFrom(params));
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: membershipSchema(amsterdamToday()) });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const result = registerMembership(member.id, submission.value, actor, clientAddressOf(context));
  if (!result.ok) {
    if (result.kind === "not_found") throw notFound();
    return data(
      { result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) },
      { status: 400 },
    );
  }
  return redirectWithFlash(`/leden/${member.id}`, {
    kind: "success",
    message: "Het lidmaatschap is vastgelegd.",
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Lidmaatschap van ${data?.member.name ?? "een lid"} · Leden · Gildeportaal OGW` },
];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadProfileValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/profile-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function RegisterMembership() {
  const { member, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const validation = useDeferredValidation(loadProfileValidation);
  const schema = useMemo(() => validation?.schemas.membershipSchema(today), [validation, today]);
  const [form, fields] = useForm({
    id: "lidmaatschap",
    lastResult: actionData?.result,
    defaultValue: { joinedOn: member.joinedOn ?? "", leftOn: member.leftOn ?? "" },
    ...validationTiming(validation !== null),
    onValidate:
      validation && schema
        ? ({ formData }) => validation.parseWithZod(formData, { schema })
        : undefined,
  });
  const latest = latestMembershipDate(today);
  return (
    <section className="narrow">
      <h1>Lidmaatschap van {member.name}</h1>
      <dl className="details">
        <dt>Lidmaatschap nu</dt>
        <dd>{member.membership}</dd>
      </dl>
      <p>
        Leg vast sinds wanneer deze collega lid is van de gilde en, als dat zo is, wanneer hij of
        zij is vertrokken. Een datum mag hoogstens een jaar vooruit liggen, tot en met{" "}
        {formatCalendarDate(latest)}.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField
          field={fields.joinedOn}
          label="Lid sinds"
          type="date"
          hint="De dag waarop het lidmaatschap begon."
          max={latest}
          required
        />
        <InputField
          field={fields.leftOn}
          label="Vertrokken op (niet verplicht)"
          type="date"
          hint="Alleen invullen als deze collega de gilde verlaat of heeft verlaten. Niet vóór ‘Lid sinds’."
          max={latest}
        />
        <div className="form-actions">
          <SubmitButton>Lidmaatschap opslaan</SubmitButton>
          <Link to={`/leden/${member.id}`}>Annuleren en terug naar het lid</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
