import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SetPasswordForm } from "#app/components/set-password-form.tsx";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { loadTokenPage, submitTokenPage } from "#app/utils/token-page.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  return loadTokenPage(params.token, "password_reset");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return submitTokenPage(
    request,
    params.token,
    "password_reset",
    clientAddressOf(context),
    "Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.",
  );
}

export const meta: MetaFunction = () => [{ title: "Nieuw wachtwoord · Gildeportaal OGW" }];

export default function ResetPassword() {
  const { problem, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (problem || !email) {
    return (
      <section className="narrow">
        <h1>Link niet bruikbaar</h1>
        <p role="alert">{problem}</p>
        <p>
          <Link to="/wachtwoord-vergeten">Nieuwe link aanvragen</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Nieuw wachtwoord kiezen</h1>
      <p>
        Kies een nieuw wachtwoord voor <strong>{email}</strong>. U wordt daarna op alle apparaten
        uitgelogd.
      </p>
      <SetPasswordForm lastResult={lastResult} email={email} submitLabel="Wachtwoord opslaan" />
    </section>
  );
}
