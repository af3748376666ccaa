import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import {
  FormErrors,
  SubmitButton,
  TextField,
  useDeferredValidation,
} from "#app/components/forms.tsx";
import { resetRequestSchema } from "#app/utils/account-schemas.ts";
import { requestPasswordReset } from "#app/utils/account.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { requireSameOrigin } from "#app/utils/request-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";

const schema = resetRequestSchema;

export const resetRequestedMessage =
  "Als dit e-mailadres bij een actief account hoort, ontvangt u binnen enkele minuten een e-mail met een link om een nieuw wachtwoord te kiezen. De link is een uur geldig.";

export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sent: false }, { status: 400 });
  }
  await requestPasswordReset(submission.value.email, clientAddressOf(context));
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export const meta: MetaFunction = () => [{ title: "Wachtwoord vergeten · Gildeportaal OGW" }];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadAccountValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/account-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const validation = useDeferredValidation(loadAccountValidation);
  const [form, fields] = useForm({
    id: "wachtwoord-vergeten",
    lastResult: actionData?.result,
    // Without the validation, "onBlur" would post the form at every blur (see validationTiming).
    shouldValidate: validation ? "onBlur" : "onSubmit",
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.resetRequestSchema })
      : undefined,
  });
  return (
    <section className="narrow">
      <h1>Wachtwoord vergeten</h1>
      {actionData?.sent ? (
        <p role="status" className="alert alert--info">
          {resetRequestedMessage}
        </p>
      ) : (
        <p>
          Vul het e-mailadres van uw account in. U krijgt dan een link om een nieuw wachtwoord te
          kiezen.
        </p>
      )}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.email}
          label="E-mailadres"
          type="email"
          autoComplete="username"
          required
        />
        <SubmitButton>Link versturen</SubmitButton>
      </Form>
      <p>
        <Link to="/inloggen">Terug naar inloggen</Link>
      </p>
    </section>
  );
}
