// The budget overview: the figures, the burn-down chart, where the money went and the significant
// expenses with their college status. Everything is decided in the loader; the page works without JS.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BurnDownChart } from "#app/components/burn-down-chart.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { getDb } from "#db/client.server.ts";
import { expenseStatusLabels } from "#app/domain/budget.ts";
import {
  amsterdamDateOf,
  collegeStatusKind,
  collegeStatusLabel,
  formatDutchDate,
  formatUseRatio,
  type Breakdown,
} from "#app/domain/budget-report.ts";
import { formatEuro } from "#app/domain/money.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { buildBudgetOverview } from "#app/utils/budget-report.server.ts";
import { can } from "#app/utils/permissions.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "budget:view");
  const canExport = can(user.appRole, "budget:export");
  const canManage = can(user.appRole, "budget:settings");
  const report = buildBudgetOverview(getDb());
  if (!report) return { report: null, canExport, canManage };
  const { budget } = report;
  return {
    canExport,
    canManage,
    report: {
      budget: {
        name: budget.name,
        fundingSource: budget.fundingSource,
        decision: `${formatDutchDate(budget.decisionDate)} (${budget.decisionReference})`,
        period: `${formatDutchDate(budget.startDate)} tot en met ${formatDutchDate(budget.endDate)}`,
        startDate: budget.startDate,
        endDate: budget.endDate,
        threshold: formatEuro(budget.significanceThresholdCents),
      },
      figures: report.figures,
      usedShare: formatUseRatio(report.useRatio),
      aboveWarning: report.aboveWarning,
      today: report.today,
      series: report.series,
      pace: report.pace,
      runOut: report.runOut,
      runOutSentence: report.runOutSentence,
      breakdowns: [
        { id: "per-soort", title: "Per soort uitgave", column: "Soort", breakdown: report.byKind },
        {
          id: "per-afdeling",
          title: "Per afdeling",
          column: "Afdeling",
          breakdown: report.byDepartment,
        },
        { id: "per-ogw-rol", title: "Per OGW-rol", column: "OGW-rol", breakdown: report.byOgwRole },
      ],
      significant: report.significantExpenses.map((expense) => ({
        id: expense.id,
        description: expense.description,
        requestedOn: formatDutchDate(amsterdamDateOf(expense.requestedAt)),
        amount: formatEuro(expense.amountCents),
        status: expenseStatusLabels[expense.status],
        college: collegeStatusLabel(expense),
        waiting: collegeStatusKind(expense) === "to_submit",
      })),
    },
  };
}

export const meta: MetaFunction = () => [{ title: "Budget · Gildeportaal OGW" }];

export default function BudgetPage() {
  const { report, canExport, canManage } = useLoaderData<typeof loader>();
  if (!report) {
    return (
      <section className="prose">
        <h1>Opleidingsbudget</h1>
        <p>
          Er is nog geen opleidingsbudget vastgelegd. Zodra het budget is ingesteld, ziet u hier
          hoeveel er beschikbaar is, hoe het verloopt en waaraan het geld is besteed.
        </p>
        {canManage ? (
          <p className="alert alert--info">
            U bent beheerder: stel het budget in via <Link to="/beheer/budget">Beheer, Budget</Link>
            .
          </p>
        ) : null}
      </section>
    );
  }
  const { budget, figures } = report;
  return (
    <>
      <h1>{budget.name}</h1>
      <dl className="details budget-facts">
        <dt>Financiering</dt>
        <dd>{budget.fundingSource}</dd>
        <dt>Collegebesluit</dt>
        <dd>{budget.decision}</dd>
        <dt>Periode</dt>
        <dd>{budget.period}</dd>
        <dt>Drempel significante uitgave</dt>
        <dd>{budget.threshold}: vanaf dit bedrag besluit het college vooraf over een uitgave.</dd>
      </dl>
      {canManage ? (
        <p>
          <Link to="/beheer/budget">Budget instellen of aanpassen</Link>
        </p>
      ) : null}

      <section aria-labelledby="stand">
        <h2 id="stand">Stand van het budget</h2>
        <dl className="figure-tiles">
          <Tile
            label="Budget"
            value={formatEuro(figures.budgetCents)}
            note="Toegekend, met aanpassingen"
          />
          <Tile
            label="Verplicht"
            value={formatEuro(figures.committedCents)}
            note="Goedgekeurd, nog niet betaald"
          />
          <Tile label="Gerealiseerd" value={formatEuro(figures.actualCents)} note="Betaald" />
          <Tile
            label="In aanvraag"
            value={formatEuro(figures.pendingCents)}
            note="Nog niet besloten, telt nog niet mee"
          />
          <Tile
            label="Beschikbaar"
            value={formatEuro(figures.availableCents)}
            note="Budget min verplicht en gerealiseerd"
          />
          <Tile
            label="In gebruik"
            value={report.usedShare}
            note={
              report.aboveWarning ? "Waarschuwing: 80% of meer" : "Verplicht en gerealiseerd samen"
            }
            warning={report.aboveWarning}
          />
        </dl>
        {report.aboveWarning ? (
          <div className="alert alert--warning">
            <p>
              <strong>Let op:</strong> {report.usedShare} van het budget is verplicht of uitgegeven.
              Vanaf 80% is het verstandig nieuwe uitgaven extra kritisch te bekijken.
            </p>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="verloop">
        <h2 id="verloop">Verloop</h2>
        <p className="budget-run-out">{report.runOutSentence}</p>
        <BurnDownChart
          idPrefix="budget-grafiek"
          startDate={budget.startDate}
          endDate={budget.endDate}
          today={report.today}
          budgetCents={figures.budgetCents}
          series={report.series}
          pace={report.pace}
          runOut={report.runOut}
          runOutSentence={report.runOutSentence}
        />
      </section>

      <section aria-labelledby="verdeling">
        <h2 id="verdeling">Waaraan het geld is besteed</h2>
        <p>
          Gebruikt is verplicht plus gerealiseerd. Aanvragen waarover nog niet is besloten staan
          apart: zij tellen pas mee als ze zijn goedgekeurd.
        </p>
        {report.breakdowns.map((item) => (
          <BreakdownTable
            key={item.id}
            id={item.id}
            title={item.title}
            column={item.column}
            breakdown={item.breakdown}
          />
        ))}
      </section>

      <section aria-labelledby="significant">
        <h2 id="significant">Significante uitgaven</h2>
        <p>
          Uitgaven van {budget.threshold} of meer legt het gilde vooraf aan het college voor. Zonder
          besluit van het college kunnen ze niet worden goedgekeurd.
        </p>
        {report.significant.length === 0 ? (
          <p>Er zijn nog geen significante uitgaven.</p>
        ) : (
          <div className="table-wrapper">
            <table>
              <caption className="visually-hidden">
                Significante uitgaven en hun collegebesluit
              </caption>
              <thead>
                <tr>
                  <th scope="col">Uitgave</th>
                  <th scope="col">Aangevraagd op</th>
                  <th scope="col" className="numeric">
                    Bedrag
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Collegebesluit</th>
                </tr>
              </thead>
              <tbody>
                {report.significant.map((expense) => (
                  <tr key={expense.id}>
                    <td>
                      <Link to={`/uitgaven/${expense.id}`}>{expense.description}</Link>
                    </td>
                    <td>{expense.requestedOn}</td>
                    <td className="numeric">{expense.amount}</td>
                    <td>{expense.status}</td>
                    <td>
                      {expense.waiting ? <strong>{expense.college}</strong> : expense.college}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canExport ? (
        <section aria-labelledby="exporteren">
          <h2 id="exporteren">Exporteren</h2>
          {/* Plain links: the files are downloads, not pages for client-side navigation. */}
          <ul className="link-list">
            <li>
              <a href="/budget/export.xlsx">Excel-werkmap (XLSX)</a>: overzicht, uitgaven, grootboek
              en de verdelingen, elk op een eigen blad
            </li>
            <li>
              <a href="/budget/export.csv">Uitgaven als CSV</a>: één regel per uitgave
            </li>
            <li>
              <a href="/budget/export.csv?onderdeel=grootboek">Grootboek als CSV</a>: elke boeking
              op het budget
            </li>
          </ul>
        </section>
      ) : null}
    </>
  );
}

function Tile({
  label,
  value,
  note,
  warning = false,
}: {
  label: string;
  value: string;
  note: string;
  warning?: boolean;
}) {
  return (
    <div className={warning ? "figure-tile figure-tile--warning" : "figure-tile"}>
      <dt className="figure-tile__label">{label}</dt>
      <dd className="figure-tile__value">{value}</dd>
      <dd className="figure-tile__note">{note}</dd>
    </div>
  );
}

function BreakdownTable({
  id,
  title,
  column,
  breakdown,
}: {
  id: string;
  title: string;
  column: string;
  breakdown: Breakdown;
}) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      <div className="table-wrapper">
        <table aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col" className="numeric">
                Verplicht
              </th>
              <th scope="col" className="numeric">
                Gerealiseerd
              </th>
              <th scope="col" className="numeric">
                Gebruikt
              </th>
              <th scope="col" className="numeric">
                In aanvraag
              </th>
              <th scope="col" className="numeric">
                Aantal uitgaven
              </th>
            </tr>
          </thead>
          <tbody>
            {breakdown.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="numeric">{formatEuro(row.committedCents)}</td>
                <td className="numeric">{formatEuro(row.actualCents)}</td>
                <td className="numeric">{formatEuro(row.usedCents)}</td>
                <td className="numeric">{formatEuro(row.pendingCents)}</td>
                <td className="numeric">{row.expenseCount}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{breakdown.total.label}</th>
              <td className="numeric">{formatEuro(breakdown.total.committedCents)}</td>
              <td className="numeric">{formatEuro(breakdown.total.actualCents)}</td>
              <td className="numeric">{formatEuro(breakdown.total.usedCents)}</td>
              <td className="numeric">{formatEuro(breakdown.total.pendingCents)}</td>
              <td className="numeric">{breakdown.total.expenseCount}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
