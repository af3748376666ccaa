import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FlashMessage } from "#app/components/flash-message.tsx";
import { SiteFooter } from "#app/components/site-footer.tsx";
import { SiteHeader } from "#app/components/site-header.tsx";
import { getOptionalUser } from "#app/utils/auth.server.ts";
import { readFlash } from "#app/utils/flash.server.ts";
import { navigationFor } from "#app/utils/permissions.ts";
import { useNonce } from "#app/utils/request-context.tsx";
import stylesheet from "#app/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: stylesheet },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  const { flash, clear } = readFlash(request);
  return data(
    {
      requestId: context.requestId ?? null,
      user: user ? { id: user.id, name: user.name, appRole: user.appRole } : null,
      navigation: user ? navigationFor(user.appRole) : [],
      flash,
    },
    clear ? { headers: { "Set-Cookie": clear } } : undefined,
  );
}

// A flash must disappear on the next page and an expired session must leave the header,
// so the root data is fetched again on every navigation; the query is a single indexed lookup.
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

// Routes set their own title; this one shows on the root error page and as a fallback.
export const meta: MetaFunction = ({ error }) => [
  { title: error ? `${errorTitle(error)} · Gildeportaal OGW` : "Gildeportaal OGW" },
  {
    name: "description",
    content: "Het portaal van de Gilde opgavegericht werken van de gemeente Huizen.",
  },
];

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  // Missing when the root loader failed or did not run (404 without a matching route).
  const rootData = useRootData();
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#inhoud" className="skip-link">
          Naar de inhoud
        </a>
        <SiteHeader
          user={rootData ? rootData.user : undefined}
          navigation={rootData?.navigation ?? []}
        />
        <main id="inhoud" tabIndex={-1} className="container site-main">
          {rootData?.flash ? <FlashMessage flash={rootData.flash} /> : null}
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}
