// /rapportages/2026-H1.xlsx: the half-yearly evaluation as an Excel workbook, one sheet per section.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "#app/utils/auth.server.ts";
import { downloadHeaders } from "#app/utils/budget-export.server.ts";
import {
  evaluationFileName,
  evaluationWorkbook,
  loadEvaluationReport,
  reportClock,
  requireHalfYearParam,
  XLSX_TYPE,
} from "#app/utils/evaluation-report.server.ts";
import { getDb } from "#db/client.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "reports:view");
  const halfYear = requireHalfYearParam(params.halfjaar);
  const report = loadEvaluationReport(getDb(), halfYear);
  const workbook = await evaluationWorkbook(report, reportClock.now());
  return new Response(workbook, {
    headers: downloadHeaders(evaluationFileName(halfYear, "xlsx"), XLSX_TYPE),
  });
}
