// The burn-down chart of the budget: a server-rendered SVG (no JavaScript needed) with a text
// alternative, a legend that tells the lines apart by pattern, and the figures as a table.
import {
  dateFromDayNumber,
  dayNumber,
  formatDutchDate,
  monthTicks,
  paceOn,
  type ChartPoint,
} from "#app/domain/budget-report.ts";
import { formatEuro } from "#app/domain/money.ts";

const WIDTH = 720;
const HEIGHT = 340;
const MARGIN = { left: 84, right: 24, top: 48, bottom: 48 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

// Dash patterns, not colours, tell the lines apart (also in black-and-white print).
const PACE_DASH = "9 6";
const PROJECTION_DASH = "2 5";
const TODAY_DASH = "4 3";
const RUN_OUT_DASH = "10 4 2 4";

const wholeEuros = new Intl.NumberFormat("nl-NL", {
  style: "currency",
  currency: "EUR",
  maximumFractionDigits: 0,
});

/** A round step for about four gridlines: 1, 2, 2,5 or 5 times a power of ten (in cents). */
export function niceStep(maxCents: number, lines = 4): number {
  if (maxCents <= 0) return 100_000;
  const raw = maxCents / lines;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= raw) ?? 10;
  return factor * magnitude;
}

export type BurnDownChartProps = {
  /** Prefix for the ids of the title and description, unique on the page. */
  idPrefix: string;
  startDate: string;
  endDate: string;
  today: string;
  budgetCents: number;
  series: readonly ChartPoint[];
  pace: readonly ChartPoint[];
  runOut: string | null;
  runOutSentence: string;
};

export function BurnDownChart(props: BurnDownChartProps) {
  const { idPrefix, startDate, endDate, today, series, pace, runOut } = props;
  const startDay = dayNumber(startDate);
  const periodDays = dayNumber(endDate) + 1 - startDay;
  const lastSeriesDay = series.at(-1)?.day ?? 0;
  const xMax = Math.max(periodDays, lastSeriesDay, 1);
  const highest = Math.max(
    props.budgetCents,
    ...series.map((p) => p.availableCents),
    ...pace.map((p) => p.availableCents),
  );
  const step = niceStep(highest);
  const yMax = Math.max(step, Math.ceil(highest / step) * step);

  const x = (day: number) =>
    round(MARGIN.left + (Math.min(Math.max(day, 0), xMax) / xMax) * PLOT_WIDTH);
  const y = (cents: number) =>
    round(MARGIN.top + PLOT_HEIGHT - (Math.max(cents, 0) / yMax) * PLOT_HEIGHT);
  const bottom = MARGIN.top + PLOT_HEIGHT;
  const right = MARGIN.left + PLOT_WIDTH;

  const yTicks: number[] = [];
  for (let value = 0; value <= yMax; value += step) yTicks.push(value);
  const xTicks = monthTicks(startDate, dateFromDayNumber(startDay + xMax - 1));

  // A step line: flat until the next change, then straight down or up.
  const availablePath = series
    .map((point, index) =>
      index === 0
        ? `M ${x(point.day)} ${y(point.availableCents)}`
        : `H ${x(point.day)} V ${y(point.availableCents)}`,
    )
    .join(" ");
  const pacePointsAttr = pace
    .map((point) => `${x(point.day)},${y(point.availableCents)}`)
    .join(" ");

  const todayDay = dayNumber(today) - startDay;
  const showToday = todayDay >= 0 && todayDay <= xMax;
  const current = series.at(-1);
  const runOutDay = runOut ? dayNumber(runOut) - startDay : null;
  const showRunOut =
    runOutDay !== null && runOutDay >= 0 && runOutDay <= xMax && current !== undefined;

  const titleId = `${idPrefix}-titel`;
  const descriptionId = `${idPrefix}-beschrijving`;
  const todayPace = pace.find((point) => point.date === today);
  const description = [
    `Het beschikbare budget van ${formatDutchDate(startDate)} tot en met vandaag (${formatDutchDate(today)}).`,
    series[0] ? `Aan het begin was ${formatEuro(series[0].availableCents)} beschikbaar,` : "",
    current ? `nu is ${formatEuro(current.availableCents)} beschikbaar.` : "",
    todayPace
      ? `Bij een gelijkmatig tempo tot ${formatDutchDate(endDate)} zou vandaag ${formatEuro(todayPace.availableCents)} beschikbaar zijn.`
      : "",
    props.runOutSentence,
  ]
    .filter(Boolean)
    .join(" ");

  const tableRows = series.map((point) => ({
    date: point.date,
    label:
      point.date === today
        ? `${formatDutchDate(point.date)} (vandaag)`
        : formatDutchDate(point.date),
    available: formatEuro(point.availableCents),
    pace: formatEuro(paceOn(props.budgetCents, { startDate, endDate }, point.date)),
  }));
  if (dayNumber(endDate) > dayNumber(today)) {
    tableRows.push({
      date: endDate,
      label: `${formatDutchDate(endDate)} (einde periode)`,
      available: "–",
      pace: formatEuro(0),
    });
  }

  return (
    <figure className="burn-down">
      <svg
        className="burn-down__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descriptionId}`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={titleId}>Verloop van het beschikbare budget</title>
        <desc id={descriptionId}>{description}</desc>

        <g className="burn-down__grid">
          {yTicks.map((value) => (
            <line
              key={value}
              x1={MARGIN.left}
              x2={right}
              y1={y(value)}
              y2={y(value)}
              strokeWidth={1}
            />
          ))}
        </g>
        <g className="burn-down__text" fontSize={13}>
          {yTicks.map((value) => (
            <text key={value} x={MARGIN.left - 8} y={y(value) + 4} textAnchor="end">
              {wholeEuros.format(value / 100)}
            </text>
          ))}
          {xTicks.map((tick) => {
            const tickX = x(dayNumber(tick.date) - startDay);
            return (
              <text key={tick.date} x={tickX} y={bottom + 18} textAnchor="middle">
                <tspan x={tickX}>{tick.month}</tspan>
                {tick.year ? (
                  <tspan x={tickX} dy={15}>
                    {tick.year}
                  </tspan>
                ) : null}
              </text>
            );
          })}
        </g>
        <g className="burn-down__axis" strokeWidth={1.5}>
          <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} />
          <line x1={MARGIN.left} x2={right} y1={bottom} y2={bottom} />
          {xTicks.map((tick) => {
            const tickX = x(dayNumber(tick.date) - startDay);
            return <line key={tick.date} x1={tickX} x2={tickX} y1={bottom} y2={bottom + 5} />;
          })}
        </g>

        <polyline
          className="burn-down__pace"
          points={pacePointsAttr}
          fill="none"
          strokeWidth={2}
          strokeDasharray={PACE_DASH}
        />
        {showRunOut && current ? (
          <line
            className="burn-down__projection"
            x1={x(current.day)}
            y1={y(current.availableCents)}
            x2={x(runOutDay!)}
            y2={y(0)}
            strokeWidth={2}
            strokeDasharray={PROJECTION_DASH}
          />
        ) : null}
        <path
          className="burn-down__available"
          d={availablePath}
          fill="none"
          strokeWidth={3}
          strokeLinejoin="round"
        />

        {showToday ? (
          <g className="burn-down__marker">
            <line
              x1={x(todayDay)}
              x2={x(todayDay)}
              y1={MARGIN.top - 14}
              y2={bottom}
              strokeWidth={1.5}
              strokeDasharray={TODAY_DASH}
            />
            <text
              className="burn-down__label"
              x={x(todayDay)}
              y={MARGIN.top - 34}
              textAnchor="middle"
              fontSize={13}
            >
              vandaag
            </text>
          </g>
        ) : null}
        {showRunOut ? (
          <g className="burn-down__marker">
            <line
              x1={x(runOutDay!)}
              x2={x(runOutDay!)}
              y1={MARGIN.top - 2}
              y2={bottom}
              strokeWidth={1.5}
              strokeDasharray={RUN_OUT_DASH}
            />
            <text
              className="burn-down__label"
              x={x(runOutDay!)}
              y={MARGIN.top - 16}
              textAnchor={x(runOutDay!) > right - 120 ? "end" : "middle"}
              fontSize={13}
            >
              {`budget op rond ${formatDutchDate(runOut!)}`}
            </text>
            <path
              d={`M ${x(runOutDay!) - 6} ${y(0) - 6} l 12 12 m 0 -12 l -12 12`}
              strokeWidth={2.5}
              className="burn-down__cross"
            />
          </g>
        ) : null}
      </svg>

      <figcaption className="burn-down__legend">
        <ul className="burn-down__legend-list">
          <li>
            <LegendSample className="burn-down__available" strokeWidth={3} /> Beschikbaar
            (doorgetrokken lijn)
          </li>
          <li>
            <LegendSample className="burn-down__pace" strokeWidth={2} dash={PACE_DASH} />{" "}
            Gelijkmatig tempo over de periode (gestreepte lijn)
          </li>
          {showRunOut ? (
            <li>
              <LegendSample
                className="burn-down__projection"
                strokeWidth={2}
                dash={PROJECTION_DASH}
              />{" "}
              Verwacht verloop bij het huidige tempo (gestippelde lijn)
            </li>
          ) : null}
          {showToday ? (
            <li>
              <LegendSample className="burn-down__marker" strokeWidth={1.5} dash={TODAY_DASH} />{" "}
              Vandaag (verticale lijn)
            </li>
          ) : null}
        </ul>
      </figcaption>

      <details className="burn-down__data">
        <summary>Gegevens van de grafiek</summary>
        <div className="table-wrapper">
          <table>
            <caption>Beschikbaar budget per datum waarop het veranderde</caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col" className="numeric">
                  Beschikbaar
                </th>
                <th scope="col" className="numeric">
                  Bij gelijkmatig tempo
                </th>
              </tr>
            </thead>
            <tbody>
              {tableRows.map((row, index) => (
                <tr key={`${row.date}-${index}`}>
                  <th scope="row">{row.label}</th>
                  <td className="numeric">{row.available}</td>
                  <td className="numeric">{row.pace}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function LegendSample({
  className,
  strokeWidth,
  dash,
}: {
  className: string;
  strokeWidth: number;
  dash?: string;
}) {
  return (
    <svg className="burn-down__sample" viewBox="0 0 40 10" aria-hidden="true" focusable="false">
      <line
        className={className}
        x1={0}
        x2={40}
        y1={5}
        y2={5}
        strokeWidth={strokeWidth}
        strokeDasharray={dash}
      />
    </svg>
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
