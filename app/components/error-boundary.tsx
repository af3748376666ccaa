// The error page for every route: a plain Dutch explanation, and for unexpected errors a code
// that the beheerder can find in the server log. Never a stack trace outside development.
import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";

type RootData = { requestId?: string | null } | undefined;

/** The heading of the error page; meta functions use it for the document title too. */
export function errorTitle(error: unknown): string {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return "Pagina niet gevonden";
    if (error.status === 403) return "Geen toegang";
  }
  return "Er ging iets mis";
}

/** A short message thrown on purpose (e.g. a 403 explaining why), never for server errors. */
function explanationFrom(error: unknown): string | null {
  if (!isRouteErrorResponse(error) || error.status >= 500 || error.status === 404) return null;
  return typeof error.data === "string" && error.data.trim() !== "" && error.data.length <= 300
    ? error.data
    : null;
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData("root") as RootData;
  const requestId = rootData?.requestId ?? null;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const explanation = explanationFrom(error);

  return (
    <section className="error-page" aria-labelledby="fout-titel">
      <h1 id="fout-titel">{errorTitle(error)}</h1>
      {status === 404 ? (
        <p>
          De pagina die u zoekt bestaat niet (meer). Controleer het adres, of ga verder via het
          menu.
        </p>
      ) : status === 403 ? (
        <>
          <p>{explanation ?? "U hebt geen toegang tot deze pagina."}</p>
          <p>
            Denkt u dat u deze pagina wel zou moeten kunnen zien? Neem dan contact op met de
            beheerder.
          </p>
        </>
      ) : status < 500 ? (
        <p>{explanation ?? "Uw verzoek kon niet worden verwerkt. Probeer het opnieuw."}</p>
      ) : (
        <>
          <p>
            Er is een onverwachte fout opgetreden. Probeer het over een paar minuten opnieuw. Blijft
            het misgaan, neem dan contact op met de beheerder.
          </p>
          {requestId ? (
            <p>
              Vermeld daarbij de foutcode: <code className="error-page__code">{requestId}</code>
            </p>
          ) : (
            <p>Vermeld daarbij het tijdstip waarop de fout optrad en wat u aan het doen was.</p>
          )}
        </>
      )}
      <p>
        <Link to="/">Naar het overzicht</Link>
      </p>
      {import.meta.env.DEV && error instanceof Error && error.stack ? (
        <details className="error-page__details">
          <summary>Technische details (alleen zichtbaar tijdens ontwikkeling)</summary>
          <pre>{error.stack}</pre>
        </details>
      ) : null}
    </section>
  );
}
