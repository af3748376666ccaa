// /rapportages/2026-H1.csv: the half-yearly evaluation for Dutch Excel, all sections one after another.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "#app/utils/auth.server.ts";
import { downloadHeaders } from "#app/utils/budget-export.server.ts";
import {
  evaluationCsv,
  evaluationFileName,
  loadEvaluationReport,
  requireHalfYearParam,
} from "#app/utils/evaluation-report.server.ts";
import { getDb } from "#db/client.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "reports:view");
  const halfYear = requireHalfYearParam(params.halfjaar);
  const report = loadEvaluationReport(getDb(), halfYear);
  return new Response(evaluationCsv(report), {
    headers: downloadHeaders(evaluationFileName(halfYear, "csv"), "text/csv; charset=utf-8"),
  });
}
