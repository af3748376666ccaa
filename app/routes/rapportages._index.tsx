// /rapportages: the half-yearly evaluation for CMT and college. A plain GET form picks the
// half-year (default: the last completed one); the report prints on A4 and downloads as XLSX or CSV.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { EvaluationReportView } from "#app/components/evaluation-report.tsx";
import { requirePermission } from "#app/utils/auth.server.ts";
import { evaluationPage } from "#app/utils/evaluation-report.server.ts";
import { getDb } from "#db/client.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "reports:view");
  const requested = new URL(request.url).searchParams.get("halfjaar");
  return evaluationPage(getDb(), requested);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? data.title : "Rapportages"} · Gildeportaal OGW` },
];

export default function ReportsPage() {
  return <EvaluationReportView data={useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
