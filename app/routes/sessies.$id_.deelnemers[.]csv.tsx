// /sessies/:id/deelnemers.csv: everyone who enrolled in the session, for Dutch Excel.
// "$id_" keeps this download out of the session page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadHeaders } from "#app/utils/budget-export.server.ts";
import { participantsCsv, requireParticipantExport } from "#app/utils/participant-export.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participants, fileName } = requireParticipantExport(request, params);
  return new Response(participantsCsv(participants), {
    headers: downloadHeaders(fileName("csv"), "text/csv; charset=utf-8"),
  });
}
