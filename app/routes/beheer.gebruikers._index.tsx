import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server.ts";
import { appRoleLabels, ogwRoleLabels, userStatusLabels } from "#app/domain/roles.ts";
import { listUsersWithDepartment } from "#app/models/users.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "users:manage");
  return { users: listUsersWithDepartment(getDb()) };
}

export const meta: MetaFunction = () => [{ title: "Gebruikers · Beheer · Gildeportaal OGW" }];

export default function UsersList() {
  const { users } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Gebruikers</h1>
      <p>
        <Link className="button" to="/beheer/gebruikers/nieuw">
          Collega uitnodigen
        </Link>
      </p>
      <div className="table-wrapper">
        <table>
          <caption className="visually-hidden">Alle gebruikers van het Gildeportaal</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">E-mailadres</th>
              <th scope="col">Afdeling</th>
              <th scope="col">OGW-rol</th>
              <th scope="col">Rol in de app</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link to={`/beheer/gebruikers/${user.id}`}>{user.name}</Link>
                </td>
                <td>{user.email}</td>
                <td>{user.departmentCode ?? "–"}</td>
                <td>{ogwRoleLabels[user.ogwRole]}</td>
                <td>{appRoleLabels[user.appRole]}</td>
                <td>{userStatusLabels[user.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
