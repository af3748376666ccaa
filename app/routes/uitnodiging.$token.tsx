import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SetPasswordForm } from "#app/components/set-password-form.tsx";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { loadTokenPage, submitTokenPage } from "#app/utils/token-page.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  return loadTokenPage(params.token, "invitation");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return submitTokenPage(
    request,
    params.token,
    "invitation",
    clientAddressOf(context),
    "Uw account is klaar. Log in met uw e-mailadres en het wachtwoord dat u net hebt gekozen.",
  );
}

export const meta: MetaFunction = () => [{ title: "Uitnodiging aannemen · Gildeportaal OGW" }];

export default function AcceptInvitation() {
  const { problem, email, name } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (problem || !email) {
    return (
      <section className="narrow">
        <h1>Uitnodiging niet bruikbaar</h1>
        <p role="alert">{problem}</p>
        <p>Vraag de beheerder van het Gildeportaal om een nieuwe uitnodiging.</p>
        <p>
          <Link to="/inloggen">Naar inloggen</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Welkom bij het Gildeportaal, {name}</h1>
      <p>
        Kies een wachtwoord voor uw account <strong>{email}</strong>. Daarna kunt u inloggen.
      </p>
      <SetPasswordForm lastResult={lastResult} email={email} submitLabel="Wachtwoord instellen" />
    </section>
  );
}
