import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server.ts";
import { listAudit } from "#app/models/audit.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/format.ts";

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "audit:read");
  const page = Math.max(
    1,
    Math.min(10_000, Number(new URL(request.url).searchParams.get("pagina")) || 1),
  );
  const rows = listAudit(getDb(), { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
  return { page, rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
}

export const meta: MetaFunction = () => [{ title: "Logboek · Beheer · Gildeportaal OGW" }];

const resultLabels = { success: "gelukt", failure: "mislukt", denied: "geweigerd" } as const;

export default function AuditLog() {
  const { page, rows, hasMore } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Logboek</h1>
      <p>
        Elke aanmelding, uitnodiging en wijziging van rechten wordt hier vastgelegd en kan niet
        worden veranderd.
      </p>
      <div className="table-wrapper">
        <table>
          <caption className="visually-hidden">Logboek, pagina {page}</caption>
          <thead>
            <tr>
              <th scope="col">Tijd</th>
              <th scope="col">Handeling</th>
              <th scope="col">Object</th>
              <th scope="col">Resultaat</th>
              <th scope="col">Door</th>
              <th scope="col">Herkomst</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{formatDateTime(row.at)}</td>
                <td>{row.action}</td>
                <td>
                  {row.objectType}{" "}
                  {row.objectId && row.objectId.length > 16
                    ? `${row.objectId.slice(0, 12)}…`
                    : row.objectId}
                </td>
                <td>{resultLabels[row.result]}</td>
                <td>{row.actorId ?? "–"}</td>
                <td>{row.origin ?? "–"}</td>
                <td>
                  <code>{row.details ?? ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagina's van het logboek" className="pagination">
        {page > 1 ? <Link to={`?pagina=${page - 1}`}>Vorige pagina</Link> : null}
        {hasMore ? <Link to={`?pagina=${page + 1}`}>Volgende pagina</Link> : null}
      </nav>
    </section>
  );
}
