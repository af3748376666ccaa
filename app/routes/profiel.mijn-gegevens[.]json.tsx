// /profiel/mijn-gegevens.json: the signed-in member's own data as a JSON download. No id in the
// URL, so nobody can ask for someone else's. A POST, because every download is logged: a GET
// changes nothing and only leads back to the form on /profiel.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { writeTransaction } from "#db/client.server.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { buildPersonalDataExport } from "#app/utils/personal-data.server.ts";

const EXPORT_FILE_NAME = "mijn-gegevens-gildeportaal.json";

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "profile:edit");
  return redirect("/profiel");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "profile:edit");
  const now = new Date();
  // One transaction: the tables agree with each other, and the download is logged with it.
  const body = writeTransaction((tx) => {
    const data = buildPersonalDataExport(tx, user.id, now);
    if (!data) return null;
    recordAudit(tx, {
      actorId: user.id,
      action: "personal_data_exported",
      objectType: "user",
      objectId: user.id,
      result: "success",
      origin: clientAddressOf(context),
      at: now,
    });
    return JSON.stringify(data, null, 2);
  });
  if (body === null) throw new Response("Niet gevonden", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${EXPORT_FILE_NAME}"`,
      // Personal data: never kept by a shared cache or the browser's.
      "Cache-Control": "no-store",
    },
  });
}
