// The signed-in member's own profile. There is no id in the URL: whoever is signed in edits their
// own profile, and a `userId` posted with the form is ignored (the schema does not know it).
//
// Decision: the member changes their OGW role here themselves. It describes their part in opgave
// work and only steers which activities the portal suggests; what they may do in the app is their
// app role, which stays with the administrator. The change is audited, and enrolments keep the
// OGW role they were made in.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextAreaField } from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import {
  FormErrors,
  SelectField,
  SubmitButton,
  TextField,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { getDb } from "#db/client.server.ts";
import { ogwRoleLabels, ogwRoles } from "#app/domain/roles.ts";
import { findProfile, listExpertiseTags } from "#app/models/profiles.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { amsterdamToday } from "#app/utils/expense-schemas.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { expertiseHint, introductionHint } from "#app/utils/profile-format.ts";
import { describeMembership, profileSchema } from "#app/utils/profile-schemas.ts";
import { saveProfile } from "#app/utils/profile.server.ts";

const schema = profileSchema;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "profile:edit");
  const db = getDb();
  const profile = findProfile(db, user.id);
  if (!profile) throw new Response("Niet gevonden", { status: 404 });
  return {
    profile: {
      id: profile.id,
      name: profile.name,
      email: profile.email,
      department: profile.departmentCode
        ? `${profile.departmentCode} – ${profile.departmentName}`
        : null,
      team: profile.team,
      introduction: profile.introduction,
      ogwRole: profile.ogwRole,
      expertise: listExpertiseTags(db, user.id),
    },
    membership: describeMembership(profile.guildJoinedOn, profile.guildLeftOn, amsterdamToday()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "profile:edit");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const result = saveProfile(user.id, submission.value, clientAddressOf(context));
  if (!result.ok) {
    return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 400 });
  }
  return redirectWithFlash("/profiel", { kind: "success", message: "Uw profiel is opgeslagen." });
}

export const meta: MetaFunction = () => [{ title: "Mijn profiel · Gildeportaal OGW" }];

const dutchNumber = new Intl.NumberFormat("nl-NL");

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadProfileValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/profile-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function MyProfile() {
  const { profile, membership } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const validation = useDeferredValidation(loadProfileValidation);
  const [form, fields] = useForm({
    id: "mijn-profiel",
    lastResult: actionData?.result,
    defaultValue: {
      team: profile.team ?? "",
      expertise: profile.expertise.join(", "),
      introduction: profile.introduction ?? "",
      ogwRole: profile.ogwRole,
    },
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.profileSchema })
      : undefined,
  });
  const introduction = fields.introduction.value;
  const introductionLength = typeof introduction === "string" ? introduction.length : 0;
  return (
    <section className="narrow">
      <h1>Mijn profiel</h1>
      <p>
        Met uw profiel vinden collega’s u in de ledenlijst. Alles wat u hier invult, is zichtbaar
        voor iedereen die in het portaal is ingelogd.
      </p>
      <dl className="details">
        <dt>Naam</dt>
        <dd>{profile.name}</dd>
        <dt>E-mailadres</dt>
        <dd>{profile.email}</dd>
        <dt>Afdeling</dt>
        <dd>{profile.department ?? "–"}</dd>
        <dt>Lidmaatschap van de gilde</dt>
        <dd>{membership}</dd>
      </dl>
      <p className="alert alert--info">
        Uw naam, e-mailadres en afdeling beheert de beheerder van het portaal; het lidmaatschap van
        de gilde legt de gilde-coördinator vast. Klopt daar iets niet, vraag het dan aan hen.
      </p>

      <h2>Profiel bewerken</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.team}
          label="Team"
          hint="Het team binnen uw afdeling waarin u werkt, bijvoorbeeld ‘Team Ruimte’. Hoogstens 100 tekens."
        />
        <TextField field={fields.expertise} label="Expertise" hint={expertiseHint} />
        <TextAreaField
          field={fields.introduction}
          label="Introductie"
          hint={`${introductionHint} U hebt er nu ${dutchNumber.format(introductionLength)} gebruikt.`}
          rows={8}
        />
        <SelectField
          field={fields.ogwRole}
          label="OGW-rol"
          options={ogwRoles.map((role) => ({ value: role, label: ogwRoleLabels[role] }))}
          hint="Uw rol in het opgavegericht werken. Het portaal stelt daarop activiteiten voor; wat u in het portaal mag, verandert er niet door. Inschrijvingen die u al hebt, houden de rol van toen."
          required
        />
        <div className="form-actions">
          <SubmitButton>Profiel opslaan</SubmitButton>
        </div>
      </Form>

      <h2>Uw gegevens</h2>
      <p>
        U kunt alles wat het portaal over u bewaart in één bestand downloaden: uw account, uw
        profiel en expertises en uw inschrijvingen. Het bestand is in JSON, een open formaat dat
        andere programma’s kunnen lezen.
      </p>
      {/* A full page submit: the answer is a file for the browser to save, not data for Remix. */}
      <Form method="post" action="/profiel/mijn-gegevens.json" reloadDocument>
        <button type="submit" className="button button--secondary">
          Download mijn gegevens
        </button>
      </Form>
      <p>
        <Link to={`/leden/${profile.id}`}>Bekijk uw pagina in de ledenlijst</Link>, zoals collega’s
        die zien.
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
