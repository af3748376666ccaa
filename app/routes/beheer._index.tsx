import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requirePermission } from "#app/utils/auth.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "users:manage");
  return null;
}

export const meta: MetaFunction = () => [{ title: "Beheer · Gildeportaal OGW" }];

export default function AdminHome() {
  return (
    <section>
      <h1>Beheer</h1>
      <ul className="link-list">
        <li>
          <Link to="/beheer/gebruikers">Gebruikers</Link>: uitnodigen, rol wijzigen, deactiveren
        </li>
        <li>
          <Link to="/beheer/afdelingen">Afdelingen</Link>: code en naam, toevoegen en verwijderen
        </li>
        <li>
          <Link to="/beheer/budget">Budget</Link>: bedrag, periode, collegebesluit en drempel voor
          significante uitgaven
        </li>
        <li>
          <Link to="/beheer/logboek">Logboek</Link>: wie deed wat en wanneer
        </li>
      </ul>
    </section>
  );
}
