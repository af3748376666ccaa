// The sections of the half-yearly evaluation: headline tiles, tables that put each figure next to
// the previous half-year, small SVG bar charts (server-rendered, readable in black and white) and
// the participants' comments. Presentational only; the figures come from the loader.
import type {
  BarChartSpec,
  CommentLine,
  ComparisonRow,
  ComparisonTable,
  FigureFormat,
  EvaluationPageData,
  ReportSection,
} from "#app/utils/evaluation-report.server.ts";
import { formatDutchDate } from "#app/domain/budget-report.ts";
import { formatEuro } from "#app/domain/money.ts";

/** The two half-years a report compares, as their codes ("2026-H1"). */
export type ReportPeriods = { current: string; previous: string };

// ---- Formatting ----

const wholeNumber = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
const hoursNumber = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
const ratingNumber = new Intl.NumberFormat("nl-NL", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const percentNumber = new Intl.NumberFormat("nl-NL", {
  style: "percent",
  maximumFractionDigits: 1,
});
const pointsNumber = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
const wholeEuros = new Intl.NumberFormat("nl-NL", {
  style: "currency",
  currency: "EUR",
  maximumFractionDigits: 0,
});

/** A figure in Dutch, or null when there is nothing to show (no ratings, nothing to divide by). */
export function formatFigure(value: number | null, format: FigureFormat): string | null {
  if (value === null) return null;
  switch (format) {
    case "count":
      return wholeNumber.format(value);
    case "hours":
      return hoursNumber.format(value);
    case "rating":
      return ratingNumber.format(value);
    case "percent":
      return percentNumber.format(value);
    case "euro":
      return formatEuro(value);
  }
}

/** "+2", "-1", "0"; a share's difference in percentage points, money with the sign before €. */
export function formatDifference(value: number | null, format: FigureFormat): string | null {
  if (value === null) return null;
  const sign = value > 0 ? "+" : value < 0 ? "-" : "";
  const size = Math.abs(value);
  switch (format) {
    case "percent": {
      const points = pointsNumber.format(size * 100);
      return `${points === "0" ? "" : sign}${points} ${points === "1" ? "procentpunt" : "procentpunten"}`;
    }
    case "euro":
      return `${sign}${formatEuro(size)}`;
    default: {
      const text = formatFigure(size, format)!;
      return /^[0,]+$/.test(text) ? text : `${sign}${text}`;
    }
  }
}

/** A value for a table cell: a dash that screen readers hear as "geen gegevens". */
function Figure({ text }: { text: string | null }) {
  if (text !== null) return <>{text}</>;
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">geen gegevens</span>
    </>
  );
}

// ---- Headline tiles ----

export function HeadlineTiles({
  rows,
  periods,
}: {
  rows: readonly ComparisonRow[];
  periods: ReportPeriods;
}) {
  return (
    <dl className="figure-tiles report-tiles">
      {rows.map((row) => (
        <div key={row.key} className="figure-tile">
          <dt className="figure-tile__label">{row.label}</dt>
          <dd className="figure-tile__value">
            <Figure text={formatFigure(row.current, row.format)} />
          </dd>
          {row.note ? <dd className="figure-tile__note">{row.note}</dd> : null}
          <dd className="figure-tile__note">
            Vorig halfjaar ({periods.previous}):{" "}
            <Figure text={formatFigure(row.previous, row.format)} />
          </dd>
          <dd className="figure-tile__note">
            Verschil: <Figure text={formatDifference(row.difference, row.format)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

// ---- Tables ----

function FigureCells({ row }: { row: ComparisonRow | undefined }) {
  if (!row) {
    return (
      <>
        <td className="numeric" />
        <td className="numeric" />
        <td className="numeric" />
      </>
    );
  }
  return (
    <>
      <td className="numeric">
        <Figure text={formatFigure(row.current, row.format)} />
      </td>
      <td className="numeric">
        <Figure text={formatFigure(row.previous, row.format)} />
      </td>
      <td className="numeric">
        <Figure text={formatDifference(row.difference, row.format)} />
      </td>
    </>
  );
}

function groupsOf(rows: readonly ComparisonRow[]): { group: string; rows: ComparisonRow[] }[] {
  const groups: { group: string; rows: ComparisonRow[] }[] = [];
  for (const row of rows) {
    const name = row.group ?? "";
    const last = groups.at(-1);
    if (last && last.group === name) last.rows.push(row);
    else groups.push({ group: name, rows: [row] });
  }
  return groups;
}

/** A table of figures, each next to the previous half-year and the difference. */
export function ComparisonTableView({
  table,
  periods,
  headingLevel = 3,
}: {
  table: ComparisonTable;
  periods: ReportPeriods;
  headingLevel?: 3 | null;
}) {
  const captionId = `${table.id}-titel`;
  const heading =
    headingLevel === 3 ? (
      <h3 id={captionId} className="report-table__title">
        {table.caption}
      </h3>
    ) : null;
  const labelledBy = headingLevel === 3 ? { "aria-labelledby": captionId } : {};
  const caption =
    headingLevel === 3 ? null : <caption className="visually-hidden">{table.caption}</caption>;

  if (table.layout === "wide") {
    const labels = [...new Set(table.rows.map((row) => row.label))];
    return (
      <>
        {heading}
        <div className="table-wrapper">
          <table className="report-table report-table--wide" {...labelledBy}>
            {caption}
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {table.groupHeader ?? table.labelHeader}
                </th>
                {labels.map((label) => (
                  <th key={label} scope="colgroup" colSpan={3} className="report-table__block">
                    {label}
                  </th>
                ))}
              </tr>
              <tr>
                {labels.map((label) => (
                  <PeriodHeaders key={label} periods={periods} />
                ))}
              </tr>
            </thead>
            <tbody>
              {groupsOf(table.rows).map(({ group, rows }) => (
                <tr key={group}>
                  <th scope="row">{group}</th>
                  {labels.map((label) => (
                    <FigureCells key={label} row={rows.find((row) => row.label === label)} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  const grouped = table.groupHeader !== null;
  return (
    <>
      {heading}
      <div className="table-wrapper">
        <table className="report-table" {...labelledBy}>
          {caption}
          <thead>
            <tr>
              <th scope="col">{table.labelHeader}</th>
              <PeriodHeaders periods={periods} />
            </tr>
          </thead>
          {grouped ? (
            groupsOf(table.rows).map(({ group, rows }) => (
              <tbody key={group} className="report-table__group">
                <tr>
                  <th scope="rowgroup" colSpan={4} className="report-table__group-title">
                    {group}
                  </th>
                </tr>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" className="report-table__indented">
                      {row.label}
                    </th>
                    <FigureCells row={row} />
                  </tr>
                ))}
              </tbody>
            ))
          ) : (
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <FigureCells row={row} />
                </tr>
              ))}
            </tbody>
          )}
        </table>
      </div>
    </>
  );
}

function PeriodHeaders({ periods }: { periods: ReportPeriods }) {
  return (
    <>
      <th scope="col" className="numeric">
        {periods.current}
      </th>
      <th scope="col" className="numeric">
        {periods.previous}
      </th>
      <th scope="col" className="numeric">
        Verschil
      </th>
    </>
  );
}

// ---- Bar chart ----

const CHART_WIDTH = 640;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 13;
const BAR_GAP = 3;
const BLOCK_GAP = 12;
const VALUE_SPACE = 110;

function chartValue(value: number, format: FigureFormat): string {
  return format === "euro" ? wholeEuros.format(value / 100) : formatFigure(value, format)!;
}

/**
 * Two bars per category: this half-year solid, the previous one outlined, so they differ without
 * colour. The figures are in the section's table as well; the chart only makes them visible.
 */
export function BarChart({ chart, periods }: { chart: BarChartSpec; periods: ReportPeriods }) {
  const max = Math.max(0, ...chart.bars.flatMap((bar) => [bar.current, bar.previous]));
  if (chart.bars.length === 0 || max <= 0) return null;
  const blockHeight = LABEL_HEIGHT + 2 * BAR_HEIGHT + BAR_GAP + BLOCK_GAP;
  const height = chart.bars.length * blockHeight;
  const plotWidth = CHART_WIDTH - VALUE_SPACE;
  const width = (value: number) => Math.round((Math.max(value, 0) / max) * plotWidth * 10) / 10;
  const titleId = `${chart.id}-titel`;
  const descriptionId = `${chart.id}-beschrijving`;
  const description = chart.bars
    .map(
      (bar) =>
        `${bar.label}: ${chartValue(bar.current, chart.format)} in ${periods.current}, ${chartValue(bar.previous, chart.format)} in ${periods.previous}.`,
    )
    .join(" ");

  return (
    <figure className="report-chart">
      <svg
        className="report-chart__svg"
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descriptionId}`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={titleId}>{`${chart.title}: ${periods.current} naast ${periods.previous}`}</title>
        <desc id={descriptionId}>{description}</desc>
        {chart.bars.map((bar, index) => {
          const top = index * blockHeight;
          const currentY = top + LABEL_HEIGHT;
          const previousY = currentY + BAR_HEIGHT + BAR_GAP;
          return (
            <g key={bar.label}>
              <text className="report-chart__label" x={0} y={top + 13} fontSize={13}>
                {bar.label}
              </text>
              <rect
                className="report-chart__bar report-chart__bar--current"
                x={0.5}
                y={currentY}
                width={Math.max(width(bar.current), 0.5)}
                height={BAR_HEIGHT}
              />
              <text
                className="report-chart__value"
                x={width(bar.current) + 6}
                y={currentY + BAR_HEIGHT - 2}
                fontSize={12}
              >
                {chartValue(bar.current, chart.format)}
              </text>
              <rect
                className="report-chart__bar report-chart__bar--previous"
                x={0.5}
                y={previousY}
                width={Math.max(width(bar.previous), 0.5)}
                height={BAR_HEIGHT}
                strokeWidth={1}
              />
              <text
                className="report-chart__value"
                x={width(bar.previous) + 6}
                y={previousY + BAR_HEIGHT - 2}
                fontSize={12}
              >
                {chartValue(bar.previous, chart.format)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="report-chart__legend">
        <span className="report-chart__legend-title">{chart.title}.</span>{" "}
        <span className="report-chart__key">
          <LegendSample variant="current" /> {periods.current} (gevuld)
        </span>{" "}
        <span className="report-chart__key">
          <LegendSample variant="previous" /> {periods.previous} (open)
        </span>
      </figcaption>
    </figure>
  );
}

function LegendSample({ variant }: { variant: "current" | "previous" }) {
  return (
    <svg className="report-chart__sample" viewBox="0 0 24 12" aria-hidden="true" focusable="false">
      <rect
        className={`report-chart__bar report-chart__bar--${variant}`}
        x={0.5}
        y={0.5}
        width={23}
        height={11}
        strokeWidth={1}
      />
    </svg>
  );
}

// ---- Comments ----

export function CommentList({ comments }: { comments: readonly CommentLine[] }) {
  if (comments.length === 0) {
    return <p>In dit halfjaar zijn bij de feedback geen opmerkingen gegeven.</p>;
  }
  return (
    <ol className="report-comments">
      {comments.map((comment, index) => (
        <li key={`${comment.date}-${index}`} className="report-comment">
          <blockquote className="report-comment__text">
            <p>{comment.comment}</p>
          </blockquote>
          <p className="report-comment__source">
            {comment.courseTitle}, waardering {comment.rating} van 5,{" "}
            <time dateTime={comment.date}>{formatDutchDate(comment.date)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}

// ---- A whole section ----

export function ReportSectionView({
  section,
  periods,
}: {
  section: ReportSection;
  periods: ReportPeriods;
}) {
  const headingId = section.id;
  const isHeadline = section.id === "kerncijfers";
  return (
    <section
      className={isHeadline ? "report-section report-section--first" : "report-section"}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>{section.title}</h2>
      {section.intro ? <p className="report-section__intro">{section.intro}</p> : null}
      {isHeadline ? (
        <HeadlineTiles rows={section.tables[0]?.rows ?? []} periods={periods} />
      ) : (
        <>
          {section.tables.map((table) => (
            <div key={table.id} className="report-block">
              <ComparisonTableView
                table={table}
                periods={periods}
                headingLevel={section.tables.length > 1 ? 3 : null}
              />
              {section.charts
                .filter((chart) => chart.tableId === table.id)
                .map((chart) => (
                  <BarChart key={chart.id} chart={chart} periods={periods} />
                ))}
            </div>
          ))}
          {section.comments ? <CommentList comments={section.comments} /> : null}
        </>
      )}
    </section>
  );
}

// ---- The page ----

/**
 * The whole report page: title, the half-year picker with its message, the downloads and the
 * sections. A plain GET form, so it works before (and without) JavaScript.
 */
export function EvaluationReportView({ data }: { data: EvaluationPageData }) {
  const periods = { current: data.halfYear, previous: data.previousHalfYear };
  const errorId = "halfjaar-fout";
  return (
    <div className="report">
      <header className="report-header">
        <h1>{data.title}</h1>
        <p className="lead report-header__period">
          {data.period} ({data.halfYear}), vergeleken met het {data.previousLabel} (
          {data.previousHalfYear}).
        </p>
        {data.ongoing ? (
          <div className="alert alert--info">
            <p>Dit halfjaar loopt nog: de cijfers kunnen nog veranderen.</p>
          </div>
        ) : null}
        {data.notStarted ? (
          <div className="alert alert--info">
            <p>Dit halfjaar is nog niet begonnen: er is nog niets te tellen.</p>
          </div>
        ) : null}
      </header>

      <div className="report-controls">
        <form method="get" action="/rapportages" className="report-controls__form">
          <div className="field">
            <label htmlFor="halfjaar">Halfjaar</label>
            <select
              id="halfjaar"
              name="halfjaar"
              key={data.halfYear}
              defaultValue={data.halfYear}
              aria-invalid={data.error ? true : undefined}
              aria-describedby={data.error ? errorId : undefined}
            >
              {data.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            {data.error ? (
              <div id={errorId} className="field-error">
                <p>
                  {data.rejected ? <>‘{data.rejected}’ is geen halfjaar. </> : null}
                  {data.error}
                </p>
              </div>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button">
              Toon rapportage
            </button>
          </div>
        </form>
        {data.error ? (
          <p className="report-controls__note" role="status">
            Hieronder staat het laatste afgeronde halfjaar: {data.defaultLabel.toLowerCase()}.
          </p>
        ) : null}

        {/* Plain links: the files are downloads, not pages for client-side navigation. */}
        <ul className="link-list report-downloads">
          <li>
            <a href={data.downloads.xlsx}>Download XLSX</a>: Excel-werkmap, elk onderdeel op een
            eigen blad
          </li>
          <li>
            <a href={data.downloads.csv}>Download CSV</a>: alle onderdelen onder elkaar, voor Excel
            met Nederlandse instellingen
          </li>
        </ul>
        <p className="report-print-hint">
          <strong>Afdrukken:</strong> gebruik de afdrukfunctie van uw browser (Ctrl+P, op een Mac
          Cmd+P). Het rapport is opgemaakt voor A4; elk onderdeel begint op een nieuwe pagina en de
          menu’s en knoppen worden niet afgedrukt.
        </p>
      </div>

      {data.sections.map((section) => (
        <ReportSectionView key={section.id} section={section} periods={periods} />
      ))}
    </div>
  );
}
