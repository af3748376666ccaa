import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import {
  FormErrors,
  SubmitButton,
  TextField,
  useAnswerCount,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { throttledMessage } from "#app/domain/throttle.ts";
import { signInSchema } from "#app/utils/account-schemas.ts";
import { attemptSignIn } from "#app/utils/account.server.ts";
import { requireAnonymous, safeReturnPath } from "#app/utils/auth.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { sessionCookie } from "#app/utils/session.server.ts";

const schema = signInSchema;

export const invalidCredentialsMessage =
  "Dit e-mailadres en wachtwoord passen niet bij een actief account. Controleer ze en probeer het opnieuw.";

export async function loader({ request }: LoaderFunctionArgs) {
  requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await attemptSignIn({
    email: submission.value.email,
    password: submission.value.password,
    address: clientAddressOf(context),
  });
  switch (result.kind) {
    case "throttled":
      return data(submission.reply({ formErrors: [throttledMessage], hideFields: ["password"] }), {
        status: 429,
      });
    case "invalid":
      return data(
        submission.reply({ formErrors: [invalidCredentialsMessage], hideFields: ["password"] }),
        {
          status: 400,
        },
      );
    case "deactivated":
      return data(
        submission.reply({
          formErrors: [
            "Uw account is niet actief. Neem contact op met de beheerder van het Gildeportaal.",
          ],
          hideFields: ["password"],
        }),
        { status: 403 },
      );
    case "success":
      return redirect(safeReturnPath(submission.value.terug), {
        headers: { "Set-Cookie": sessionCookie(result.token) },
      });
  }
}

export const meta: MetaFunction = () => [{ title: "Inloggen · Gildeportaal OGW" }];

/** The form's schema and conform's parser, fetched after hydration (ADR 011). */
async function loadAccountValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/account-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const validation = useDeferredValidation(loadAccountValidation);
  const [form, fields] = useForm({
    id: "inloggen",
    lastResult,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.signInSchema })
      : undefined,
  });
  const answers = useAnswerCount(lastResult);
  return (
    <section className="narrow">
      <h1>Inloggen</h1>
      <p>Log in met het e-mailadres en wachtwoord van uw account bij het Gildeportaal.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="terug" value={searchParams.get("terug") ?? ""} />
        <TextField
          field={fields.email}
          label="E-mailadres"
          type="email"
          autoComplete="username"
          required
        />
        <TextField
          key={`password-${answers}`}
          field={fields.password}
          label="Wachtwoord"
          type="password"
          autoComplete="current-password"
          required
        />
        <SubmitButton>Inloggen</SubmitButton>
      </Form>
      <p>
        <Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
      </p>
    </section>
  );
}
