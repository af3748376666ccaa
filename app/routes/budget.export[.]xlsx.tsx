// /budget/export.xlsx: the whole budget report as an Excel workbook, one sheet per part.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  budgetWorkbook,
  downloadHeaders,
  exportFileName,
} from "#app/utils/budget-export.server.ts";
import { buildBudgetReport } from "#app/utils/budget-report.server.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "budget:export");
  const now = new Date();
  const report = buildBudgetReport(getDb(), now);
  if (!report) throw new Response("Er is nog geen budget om te exporteren.", { status: 404 });
  const workbook = await budgetWorkbook(report, now);
  return new Response(workbook, {
    headers: downloadHeaders(exportFileName(null, report.today, "xlsx"), XLSX_TYPE),
  });
}
