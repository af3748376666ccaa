import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { getOptionalUser } from "#app/utils/auth.server.ts";
import { readFlash } from "#app/utils/flash.server.ts";
import { navigationFor } from "#app/utils/permissions.ts";
import { useNonce } from "#app/utils/request-context.tsx";
import stylesheet from "#app/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

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

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <main id="inhoud">
      {user ? <p>Welkom, {user.name}</p> : null}
      <Outlet />
    </main>
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}
