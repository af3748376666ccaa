// /sessies/:id/deelnemers.xlsx: everyone who enrolled in the session as an Excel workbook with
// real numbers and date-times. "$id_" keeps this download out of the session page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadHeaders } from "#app/utils/budget-export.server.ts";
import {
  participantsWorkbook,
  requireParticipantExport,
  XLSX_TYPE,
} from "#app/utils/participant-export.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participants, fileName } = requireParticipantExport(request, params);
  return new Response(await participantsWorkbook(participants), {
    headers: downloadHeaders(fileName("xlsx"), XLSX_TYPE),
  });
}
