// /budget/export.csv: the expenses (default) or, with ?onderdeel=grootboek, the ledger as CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  downloadHeaders,
  expensesCsv,
  exportFileName,
  ledgerCsv,
} from "#app/utils/budget-export.server.ts";
import { buildBudgetReport } from "#app/utils/budget-report.server.ts";

const parts = { uitgaven: "uitgaven", grootboek: "grootboek" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "budget:export");
  const requested = new URL(request.url).searchParams.get("onderdeel") ?? "uitgaven";
  if (!(requested in parts)) {
    throw new Response("Kies als onderdeel ‘uitgaven’ of ‘grootboek’.", { status: 400 });
  }
  const part = parts[requested as keyof typeof parts];
  const report = buildBudgetReport(getDb());
  if (!report) throw new Response("Er is nog geen budget om te exporteren.", { status: 404 });
  const body = part === "grootboek" ? ledgerCsv(report.ledger) : expensesCsv(report.expenses);
  return new Response(body, {
    headers: downloadHeaders(exportFileName(part, report.today, "csv"), "text/csv; charset=utf-8"),
  });
}
