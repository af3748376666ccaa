// The expenses of the current budget: what waits for the viewer's decision, then everything, 50 to
// a page, with a plain GET filter form and page links that work without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FilterActions, FilterOutcome, FilterSelect } from "#app/components/filters.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { getDb } from "#db/client.server.ts";
import { expenseKinds, expenseStatuses, type ExpenseKind, type ExpenseStatus } from "#db/schema.ts";
import { expenseKindLabels, expenseStatusLabels } from "#app/domain/budget.ts";
import { formatEuro } from "#app/domain/money.ts";
import { getCurrentBudget } from "#app/models/budget.server.ts";
import {
  listAwaitingReview,
  listExpenseOverviewPage,
  type ExpenseOverviewFilter,
  type ExpenseOverviewRow,
} from "#app/models/expense-pages.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  formatExpenseDate,
  significanceLabel,
  significanceThresholdText,
} from "#app/utils/expense-format.ts";
import { can } from "#app/utils/permissions.ts";

const significantValues = { ja: true, nee: false } as const;
type SignificantValue = keyof typeof significantValues;

export const PAGE_SIZE = 50;

type FilterValues = { status: string; soort: string; significant: string };

/** Reads the filter from the query string; a value that is not an option is dropped with a note. */
function parseFilter(params: URLSearchParams) {
  const filter: ExpenseOverviewFilter = {};
  const values: FilterValues = { status: "", soort: "", significant: "" };
  const notes: string[] = [];
  const status = params.get("status") ?? "";
  if ((expenseStatuses as readonly string[]).includes(status)) {
    filter.status = status as ExpenseStatus;
    values.status = status;
  } else if (status) notes.push("De gekozen status bestaat niet; alle statussen worden getoond.");
  const kind = params.get("soort") ?? "";
  if ((expenseKinds as readonly string[]).includes(kind)) {
    filter.kind = kind as ExpenseKind;
    values.soort = kind;
  } else if (kind) notes.push("Het gekozen soort bestaat niet; alle soorten worden getoond.");
  const significant = params.get("significant") ?? "";
  if (significant in significantValues) {
    filter.significant = significantValues[significant as SignificantValue];
    values.significant = significant;
  } else if (significant)
    notes.push("Kies bij significant ja of nee; alle uitgaven worden getoond.");
  const active = Object.keys(filter).length > 0;
  // pagina=abc, 0 or -3 is page 1; a page past the end is the last one (the model clamps it), so
  // an old link after expenses were filtered away still shows a list rather than an error.
  const pageText = (params.get("pagina") ?? "").trim();
  const page = /^\d+$/.test(pageText)
    ? Math.max(1, Math.min(Number(pageText), Number.MAX_SAFE_INTEGER))
    : 1;
  return { filter, values, notes, active, page };
}

/** The list's URL for the accepted filters and a page; the first page has no number. */
function expensesHref(values: FilterValues, page: number): string {
  const search = new URLSearchParams();
  if (values.status) search.set("status", values.status);
  if (values.soort) search.set("soort", values.soort);
  if (values.significant) search.set("significant", values.significant);
  if (page > 1) search.set("pagina", String(page));
  const query = search.toString();
  return query ? `/uitgaven?${query}` : "/uitgaven";
}

function rowFor(expense: ExpenseOverviewRow) {
  return {
    id: expense.id,
    requestedAt: expense.requestedAt,
    date: formatExpenseDate(expense.requestedAt),
    description: expense.description,
    supplier: expense.supplier,
    kind: expenseKindLabels[expense.kind],
    requestedBy: expense.requestedByName,
    amount: formatEuro(expense.amountCents),
    status: expenseStatusLabels[expense.status],
    significant: expense.significant,
    significance: significanceLabel(expense),
  };
}

function countText(count: number): string {
  if (count === 0) return "Geen uitgaven gevonden";
  return count === 1 ? "1 uitgave gevonden" : `${count} uitgaven gevonden`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "budget:view");
  const db = getDb();
  const parsed = parseFilter(new URL(request.url).searchParams);
  const budget = getCurrentBudget(db);
  const isReviewer = can(user.appRole, "expenses:decide");
  const result = budget
    ? listExpenseOverviewPage(db, budget.id, parsed.filter, {
        page: parsed.page,
        pageSize: PAGE_SIZE,
      })
    : { total: 0, page: 1, pageCount: 1, rows: [] };
  return {
    canRequest: can(user.appRole, "expenses:request"),
    isReviewer,
    budget: budget
      ? {
          name: budget.name,
          threshold: significanceThresholdText(budget.significanceThresholdCents),
        }
      : null,
    review: budget && isReviewer ? listAwaitingReview(db, budget.id, user.id).map(rowFor) : [],
    rows: result.rows.map(rowFor),
    count: countText(result.total),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    previousHref: result.page > 1 ? expensesHref(parsed.values, result.page - 1) : null,
    nextHref: result.page < result.pageCount ? expensesHref(parsed.values, result.page + 1) : null,
    values: parsed.values,
    notes: parsed.notes,
    filtered: parsed.active,
    options: {
      statuses: expenseStatuses.map((status) => ({
        value: status,
        label: expenseStatusLabels[status],
      })),
      kinds: expenseKinds.map((kind) => ({ value: kind, label: expenseKindLabels[kind] })),
    },
  };
}

export const meta: MetaFunction = () => [{ title: "Uitgaven · Gildeportaal OGW" }];

export default function Expenses() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const { values, options } = data;
  return (
    <>
      <h1>Uitgaven</h1>
      {data.budget ? (
        <p className="lead">
          Aanvragen en uitgaven van {data.budget.name}. {data.budget.threshold}
        </p>
      ) : (
        <div className="alert alert--warning">
          <p>Er is nog geen opleidingsbudget ingesteld, dus ook nog geen uitgaven.</p>
        </div>
      )}
      {data.canRequest && data.budget ? (
        <p>
          <Link className="button" to="/uitgaven/nieuw">
            Nieuwe uitgave aanvragen
          </Link>
        </p>
      ) : null}

      {data.isReviewer && data.budget ? (
        <section aria-labelledby="te-beoordelen">
          <h2 id="te-beoordelen">Te beoordelen</h2>
          {data.review.length > 0 ? (
            <>
              <p>Aanvragen van andere coördinatoren die op een besluit wachten, de oudste eerst.</p>
              <div className="table-wrapper">
                <table>
                  <caption className="visually-hidden">
                    Aanvragen die op uw beoordeling wachten
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Datum</th>
                      <th scope="col">Omschrijving</th>
                      <th scope="col">Aangevraagd door</th>
                      <th scope="col" className="numeric">
                        Bedrag
                      </th>
                      <th scope="col">Significant</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.review.map((row) => (
                      <tr key={row.id}>
                        <td>
                          <time dateTime={row.requestedAt}>{row.date}</time>
                        </td>
                        <td>
                          <Link to={`/uitgaven/${row.id}`}>{row.description}</Link>
                        </td>
                        <td>{row.requestedBy}</td>
                        <td className="numeric">{row.amount}</td>
                        <td>
                          {row.significant ? <strong>{row.significance}</strong> : row.significance}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p>Er wachten geen aanvragen op uw beoordeling.</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="alle-uitgaven">
        <h2 id="alle-uitgaven">Alle uitgaven</h2>
        {/* Keyed on the query so that the fields follow the URL after client-side navigation too. */}
        <Form
          key={location.search}
          method="get"
          action="/uitgaven"
          className="catalogue-filters expense-filters"
          role="search"
          aria-labelledby="filters-titel"
        >
          <h3 id="filters-titel" className="catalogue-filters__title">
            Filteren
          </h3>
          <div className="catalogue-filters__fields">
            <FilterSelect
              id="filter-status"
              label="Status"
              name="status"
              defaultValue={values.status}
              allLabel="Alle statussen"
              options={options.statuses}
            />
            <FilterSelect
              id="filter-soort"
              label="Soort"
              name="soort"
              defaultValue={values.soort}
              allLabel="Alle soorten"
              options={options.kinds}
            />
            <div className="field">
              <label htmlFor="filter-significant">Significant</label>
              <select id="filter-significant" name="significant" defaultValue={values.significant}>
                <option value="">Alle uitgaven</option>
                <option value="ja">Alleen significante</option>
                <option value="nee">Alleen niet-significante</option>
              </select>
            </div>
          </div>
          <FilterActions clearTo="/uitgaven" />
        </Form>

        <FilterOutcome notes={data.notes} count={data.count} />

        {data.rows.length > 0 ? (
          <div className="table-wrapper">
            <table>
              <caption className="visually-hidden">
                Uitgaven{data.filtered ? " (gefilterd)" : ""}, de nieuwste eerst
                {data.pageCount > 1 ? `, pagina ${data.page} van ${data.pageCount}` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Omschrijving</th>
                  <th scope="col">Leverancier</th>
                  <th scope="col">Soort</th>
                  <th scope="col">Aangevraagd door</th>
                  <th scope="col" className="numeric">
                    Bedrag
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Significant</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <time dateTime={row.requestedAt}>{row.date}</time>
                    </td>
                    <td>
                      <Link to={`/uitgaven/${row.id}`}>{row.description}</Link>
                    </td>
                    <td>{row.supplier}</td>
                    <td>{row.kind}</td>
                    <td>{row.requestedBy}</td>
                    <td className="numeric">{row.amount}</td>
                    <td>{row.status}</td>
                    <td>{row.significance}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{data.filtered ? "Probeer minder filters." : "Er zijn nog geen uitgaven."}</p>
        )}

        <Pagination
          page={data.page}
          pageCount={data.pageCount}
          previousHref={data.previousHref}
          nextHref={data.nextHref}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
