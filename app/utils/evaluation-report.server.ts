// The half-yearly evaluation as the page, the dashboard and the downloads use it: which half-year
// was asked for, the report itself, and its sections as tables of figures. The page and both
// exports are built from the same sections, so the printed report and the spreadsheets agree.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Db } from "#db/client.server.ts";
import { centsToDecimal, formatNumericDate, amsterdamDateOf } from "#app/domain/budget-report.ts";
import {
  buildEvaluationReport,
  compareFigure,
  type EvaluationFigures,
  type EvaluationReport,
  type Ratio,
} from "#app/domain/evaluation-report.ts";
import {
  formatHalfYear,
  halfYearLabel,
  halfYearOf,
  halfYearRange,
  lastCompletedHalfYear,
  nextHalfYear,
  parseHalfYear,
  type HalfYear,
} from "#app/domain/half-year.ts";
import { derivedFromReportInput } from "#app/models/evaluation-report.server.ts";
import { EURO_FORMAT, neutraliseFormula } from "#app/utils/budget-export.server.ts";

/**
 * Where the report pages read the time. Only the default half-year and the list of half-years
 * depend on it, never a figure; tests replace `now` (vi.spyOn) instead of faking timers globally.
 */
export const reportClock = { now: (): Date => new Date() };

/** The guild started in 2023; the list of half-years begins there. */
export const FIRST_REPORT_HALF_YEAR: HalfYear = { year: 2023, half: 1 };

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- Loading ----

/**
 * The evaluation of `halfYear` beside the one before, from the rows dated before its end. Built
 * once per generation of those rows and then shared (the page, both downloads, the dashboard):
 * nobody may change it. No figure depends on the clock, so the half-year is the whole key.
 */
export function loadEvaluationReport(db: Db, halfYear: HalfYear): EvaluationReport {
  return derivedFromReportInput(
    db,
    halfYearRange(halfYear).end,
    `report ${formatHalfYear(halfYear)}`,
    (input) => buildEvaluationReport(input, halfYear),
  );
}

// ---- Which half-year ----

export type HalfYearOption = { value: string; label: string };

function compareHalfYears(a: HalfYear, b: HalfYear): number {
  return a.year - b.year || a.half - b.half;
}

/** "1 januari tot en met 30 juni 2026" */
export function halfYearPeriod(halfYear: HalfYear): string {
  return halfYear.half === 1
    ? `1 januari tot en met 30 juni ${halfYear.year}`
    : `1 juli tot en met 31 december ${halfYear.year}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function optionLabel(halfYear: HalfYear, current: HalfYear): string {
  const order = compareHalfYears(halfYear, current);
  const note = order === 0 ? " (loopt nog)" : order > 0 ? " (nog niet begonnen)" : "";
  return `${formatHalfYear(halfYear)}: ${halfYearLabel(halfYear)}${note}`;
}

/**
 * The half-years to choose from, newest first: from the guild's start up to the current one, plus
 * `extra` when a valid half-year outside that range was asked for in the address.
 */
export function halfYearOptions(now: Date, extra?: HalfYear): HalfYearOption[] {
  const current = halfYearOf(now);
  const list: HalfYear[] = [];
  for (
    let halfYear = FIRST_REPORT_HALF_YEAR;
    compareHalfYears(halfYear, current) <= 0;
    halfYear = nextHalfYear(halfYear)
  ) {
    list.push(halfYear);
  }
  if (extra && !list.some((item) => compareHalfYears(item, extra) === 0)) list.push(extra);
  return list
    .sort((a, b) => compareHalfYears(b, a))
    .map((halfYear) => ({
      value: formatHalfYear(halfYear),
      label: optionLabel(halfYear, current),
    }));
}

export type RequestedHalfYear = {
  halfYear: HalfYear;
  /** The Dutch message for a ?halfjaar= that is no half-year; the default is shown instead. */
  error: string | null;
  /** What was typed in the address, when it was not used. */
  rejected: string | null;
};

/** ?halfjaar=2026-H1, or the last completed half-year when absent, empty or invalid. */
export function requestedHalfYear(raw: string | null, now: Date): RequestedHalfYear {
  const fallback = lastCompletedHalfYear(now);
  if (raw === null || raw.trim() === "") return { halfYear: fallback, error: null, rejected: null };
  const parsed = parseHalfYear(raw);
  return parsed.ok
    ? { halfYear: parsed.value, error: null, rejected: null }
    : { halfYear: fallback, error: parsed.message, rejected: raw.slice(0, 40) };
}

/** The half-year in a download's address; anything else is a 404 with the Dutch message. */
export function requireHalfYearParam(param: string | undefined): HalfYear {
  const parsed = parseHalfYear(param ?? "");
  if (!parsed.ok) throw new Response(parsed.message, { status: 404 });
  return parsed.value;
}

/** "evaluatie-2026-H1.xlsx" */
export function evaluationFileName(halfYear: HalfYear, extension: "csv" | "xlsx"): string {
  return `evaluatie-${formatHalfYear(halfYear)}.${extension}`;
}

// ---- Sections: the tables of figures ----

/**
 * How a figure is written. euro: integer cents; percent: a fraction (0.25); hours and rating:
 * decimals; count: whole numbers.
 */
export type FigureFormat = "count" | "hours" | "percent" | "euro" | "rating";

export type ComparisonRow = {
  /** Stable name for code that picks a row (the dashboard, tests). */
  key: string;
  /** The group the row belongs to (a role, a department, a learning goal), if the table has groups. */
  group: string | null;
  label: string;
  format: FigureFormat;
  current: number | null;
  previous: number | null;
  difference: number | null;
  /** A few words that explain the figure, e.g. "3 van 40". */
  note?: string;
};

export type ComparisonTable = {
  id: string;
  caption: string;
  /** Header of the group column (null: no groups). */
  groupHeader: string | null;
  labelHeader: string;
  /** wide: one line per group, a column block per label; long: one line per row. */
  layout: "long" | "wide";
  rows: ComparisonRow[];
};

export type ChartBar = { label: string; current: number; previous: number };

export type BarChartSpec = {
  id: string;
  /** The table the chart is drawn from, and under. */
  tableId: string;
  title: string;
  format: FigureFormat;
  bars: ChartBar[];
};

export type CommentLine = {
  /** Calendar day in Huizen, YYYY-MM-DD. */
  date: string;
  courseTitle: string;
  rating: number;
  comment: string;
};

export type ReportSection = {
  id: string;
  title: string;
  /** Name of the worksheet (at most 31 characters). */
  sheetName: string;
  intro: string | null;
  tables: ComparisonTable[];
  charts: BarChartSpec[];
  /** Only for the comments section. */
  comments: CommentLine[] | null;
};

/** The bars of a chart: the rows whose key ends with `suffix`, this half-year against the last. */
function chartBars(rows: readonly ComparisonRow[], suffix: string) {
  return rows
    .filter((item) => item.key.endsWith(suffix))
    .map((item) => ({
      label: item.group ?? item.label,
      current: item.current ?? 0,
      previous: item.previous ?? 0,
    }));
}

function row(
  key: string,
  label: string,
  format: FigureFormat,
  current: number | null,
  previous: number | null,
  extra: { group?: string | null; note?: string } = {},
): ComparisonRow {
  const compared = compareFigure(current, previous);
  return {
    key,
    group: extra.group ?? null,
    label,
    format,
    current: compared.current,
    previous: compared.previous,
    // Whole cents and whole counts are exact; fractions are rounded to keep float noise off the page.
    difference:
      compared.difference === null || format === "euro" || format === "count"
        ? compared.difference
        : Math.round(compared.difference * 1e6) / 1e6,
    ...(extra.note ? { note: extra.note } : {}),
  };
}

function ratioNote(ratio: Ratio, of: string): string {
  return `${ratio.numerator} van ${ratio.denominator} ${of}`;
}

function headlineRows(current: EvaluationFigures, previous: EvaluationFigures): ComparisonRow[] {
  return [
    row(
      "activitiesHeld",
      "Activiteiten gehouden",
      "count",
      current.activities.held,
      previous.activities.held,
    ),
    row(
      "uniqueParticipants",
      "Unieke deelnemers",
      "count",
      current.participation.uniqueParticipants,
      previous.participation.uniqueParticipants,
    ),
    row(
      "participations",
      "Deelnames",
      "count",
      current.participation.participations,
      previous.participation.participations,
    ),
    row(
      "trainingHours",
      "Opleidingsuren",
      "hours",
      current.participation.trainingHours,
      previous.participation.trainingHours,
    ),
    row(
      "noShowRate",
      "No-showpercentage",
      "percent",
      current.noShowRate.value,
      previous.noShowRate.value,
      {
        note: ratioNote(current.noShowRate, "niet verschenen"),
      },
    ),
    row(
      "averageRating",
      "Gemiddelde waardering",
      "rating",
      current.rating.value,
      previous.rating.value,
      {
        note: `uit ${current.rating.count} ${current.rating.count === 1 ? "beoordeling" : "beoordelingen"}, schaal 1 tot 5`,
      },
    ),
    row(
      "actualSpend",
      "Gerealiseerde uitgaven",
      "euro",
      current.spend.actualCents,
      previous.spend.actualCents,
    ),
  ];
}

/** The seven headline figures, also used by the dashboard. */
export function headlineFigures(report: EvaluationReport): ComparisonRow[] {
  return headlineRows(report.current, report.previous);
}

function activitiesSection(report: EvaluationReport): ReportSection {
  const { current, previous } = report;
  const byKind = current.activities.heldByKind.map((kind, index) => {
    const before = previous.activities.heldByKind[index]!;
    return row(`held:${kind.kind}`, kind.label, "count", kind.count, before.count);
  });
  return {
    id: "activiteiten",
    title: "Activiteiten",
    sheetName: "Activiteiten",
    intro:
      "Gehouden sessies per soort activiteit. Een sessie telt in het halfjaar waarin zij begint.",
    tables: [
      {
        id: "activiteiten-per-soort",
        caption: "Gehouden activiteiten per soort",
        groupHeader: null,
        labelHeader: "Soort activiteit",
        layout: "long",
        rows: [
          ...byKind,
          row(
            "held",
            "Totaal gehouden",
            "count",
            current.activities.held,
            previous.activities.held,
          ),
          row(
            "cancelled",
            "Geannuleerd",
            "count",
            current.activities.cancelled,
            previous.activities.cancelled,
          ),
        ],
      },
    ],
    charts: [
      {
        id: "grafiek-activiteiten",
        tableId: "activiteiten-per-soort",
        title: "Gehouden activiteiten per soort",
        format: "count",
        bars: byKind.map((item) => ({
          label: item.label,
          current: item.current ?? 0,
          previous: item.previous ?? 0,
        })),
      },
    ],
    comments: null,
  };
}

function participationSection(report: EvaluationReport): ReportSection {
  const { current, previous } = report;
  const pair = (
    key: string,
    group: string,
    now: { participations: number; uniqueParticipants: number },
    before: { participations: number; uniqueParticipants: number } | undefined,
  ) => [
    row(
      `${key}:participations`,
      "Deelnames",
      "count",
      now.participations,
      before?.participations ?? 0,
      {
        group,
      },
    ),
    row(
      `${key}:uniqueParticipants`,
      "Unieke deelnemers",
      "count",
      now.uniqueParticipants,
      before?.uniqueParticipants ?? 0,
      { group },
    ),
  ];
  const roleRows = current.participation.byRole.flatMap((role) =>
    pair(
      `role:${role.role}`,
      role.label,
      role,
      previous.participation.byRole.find((item) => item.role === role.role),
    ),
  );
  // The same departments in both (the input lists them once), matched by id.
  const departmentRows = current.participation.byDepartment.flatMap((department) =>
    pair(
      `department:${department.departmentId ?? "unknown"}`,
      department.code ? `${department.code} (${department.name})` : department.name,
      department,
      previous.participation.byDepartment.find(
        (item) => item.departmentId === department.departmentId,
      ),
    ),
  );
  const barsOf = (rows: ComparisonRow[]) => chartBars(rows, ":participations");
  return {
    id: "deelname",
    title: "Deelname",
    sheetName: "Deelname",
    intro:
      "Een deelname is een aanwezigheid bij een gehouden sessie. Rol en afdeling zijn die van het moment van inschrijven; wie in verschillende rollen of afdelingen deelnam, telt in elk daarvan één keer mee.",
    tables: [
      {
        id: "deelname-totaal",
        caption: "Deelname in totaal",
        groupHeader: "Groep",
        labelHeader: "Cijfer",
        layout: "wide",
        rows: pair("total", "Alle deelnemers", current.participation, previous.participation),
      },
      {
        id: "deelname-per-rol",
        caption: "Deelname per OGW-rol",
        groupHeader: "OGW-rol",
        labelHeader: "Cijfer",
        layout: "wide",
        rows: roleRows,
      },
      {
        id: "deelname-per-afdeling",
        caption: "Deelname per afdeling",
        groupHeader: "Afdeling",
        labelHeader: "Cijfer",
        layout: "wide",
        rows: departmentRows,
      },
    ],
    charts: [
      {
        id: "grafiek-deelname-rol",
        tableId: "deelname-per-rol",
        title: "Deelnames per OGW-rol",
        format: "count",
        bars: barsOf(roleRows),
      },
      {
        id: "grafiek-deelname-afdeling",
        tableId: "deelname-per-afdeling",
        title: "Deelnames per afdeling",
        format: "count",
        bars: barsOf(departmentRows),
      },
    ],
    comments: null,
  };
}

function attendanceSection(report: EvaluationReport): ReportSection {
  const { current, previous } = report;
  return {
    id: "opkomst-en-wachtlijst",
    title: "Opkomst en wachtlijst",
    sheetName: "Opkomst en wachtlijst",
    intro:
      "Opleidingsuren zijn de duur van de sessies, opgeteld over alle deelnames. Een sessie was vol als er bij het inschrijven iemand op de wachtlijst kwam.",
    tables: [
      {
        id: "opkomst",
        caption: "Opleidingsuren en opkomst",
        groupHeader: null,
        labelHeader: "Cijfer",
        layout: "long",
        rows: [
          row(
            "trainingHours",
            "Opleidingsuren",
            "hours",
            current.participation.trainingHours,
            previous.participation.trainingHours,
          ),
          row(
            "registeredAttendance",
            "Aanwezigheid geregistreerd",
            "count",
            current.noShowRate.denominator,
            previous.noShowRate.denominator,
          ),
          row(
            "noShows",
            "Niet verschenen (no-show)",
            "count",
            current.noShowRate.numerator,
            previous.noShowRate.numerator,
          ),
          row(
            "noShowRate",
            "No-showpercentage",
            "percent",
            current.noShowRate.value,
            previous.noShowRate.value,
          ),
        ],
      },
      {
        id: "wachtlijst",
        caption: "Druk op de wachtlijst",
        groupHeader: null,
        labelHeader: "Cijfer",
        layout: "long",
        rows: [
          row(
            "fullSessions",
            "Volle sessies",
            "count",
            current.waitlist.fullSessions,
            previous.waitlist.fullSessions,
          ),
          row(
            "peopleWaitlisted",
            "Op de wachtlijst gezet",
            "count",
            current.waitlist.peopleWaitlisted,
            previous.waitlist.peopleWaitlisted,
          ),
          row(
            "leftWaiting",
            "Bleven wachten (geen plaats gekregen)",
            "count",
            current.waitlist.leftWaiting,
            previous.waitlist.leftWaiting,
          ),
        ],
      },
    ],
    charts: [],
    comments: null,
  };
}

function spendSection(report: EvaluationReport): ReportSection {
  const { current, previous } = report;
  const kindRows = current.spend.byKind.flatMap((kind) => {
    const before = previous.spend.byKind.find((item) => item.kind === kind.kind);
    return [
      row(
        `spend:${kind.kind}:committed`,
        "Verplicht (netto)",
        "euro",
        kind.committedCents,
        before?.committedCents ?? 0,
        {
          group: kind.label,
        },
      ),
      row(
        `spend:${kind.kind}:actual`,
        "Gerealiseerd",
        "euro",
        kind.actualCents,
        before?.actualCents ?? 0,
        {
          group: kind.label,
        },
      ),
    ];
  });
  return {
    id: "uitgaven",
    title: "Uitgaven",
    sheetName: "Uitgaven",
    intro:
      "Wat in het halfjaar op het opleidingsbudget is geboekt. Verplicht (netto) is wat er aan verplichtingen bij kwam min wat vrijviel en kan dus negatief zijn; gerealiseerd is wat is betaald.",
    tables: [
      {
        id: "uitgaven-per-soort",
        caption: "Uitgaven per soort",
        groupHeader: "Soort uitgave",
        labelHeader: "Cijfer",
        layout: "wide",
        rows: [
          ...kindRows,
          row(
            "spend:total:committed",
            "Verplicht (netto)",
            "euro",
            current.spend.committedCents,
            previous.spend.committedCents,
            {
              group: "Totaal",
            },
          ),
          row(
            "spend:total:actual",
            "Gerealiseerd",
            "euro",
            current.spend.actualCents,
            previous.spend.actualCents,
            {
              group: "Totaal",
            },
          ),
        ],
      },
      {
        id: "uitgaven-budget",
        caption: "Tegenover het budget",
        groupHeader: null,
        labelHeader: "Cijfer",
        layout: "long",
        rows: [
          row(
            "budget",
            "Budget aan het einde van het halfjaar",
            "euro",
            current.spend.budgetCents,
            previous.spend.budgetCents,
          ),
          row(
            "actualShareOfBudget",
            "Gerealiseerd als deel van het budget",
            "percent",
            current.spend.actualShareOfBudget.value,
            previous.spend.actualShareOfBudget.value,
          ),
        ],
      },
    ],
    charts: [
      {
        id: "grafiek-uitgaven",
        tableId: "uitgaven-per-soort",
        title: "Gerealiseerde uitgaven per soort",
        format: "euro",
        bars: chartBars(kindRows, ":actual"),
      },
    ],
    comments: null,
  };
}

function learningGoalSection(report: EvaluationReport): ReportSection {
  const { current, previous } = report;
  const rows = current.learningGoals.flatMap((goal) => {
    const before = previous.learningGoals.find((item) => item.id === goal.id);
    const group = goal.title;
    return [
      row(
        `goal:${goal.id}:sessionsOffered`,
        "Sessies aangeboden",
        "count",
        goal.sessionsOffered,
        before?.sessionsOffered ?? 0,
        {
          group,
        },
      ),
      row(
        `goal:${goal.id}:participants`,
        "Deelnemers",
        "count",
        goal.participants,
        before?.participants ?? 0,
        {
          group,
        },
      ),
      row(
        `goal:${goal.id}:rating`,
        "Gemiddelde waardering",
        "rating",
        goal.rating.value,
        before?.rating.value ?? null,
        {
          group,
        },
      ),
      row(
        `goal:${goal.id}:namedInFeedback`,
        "Genoemd in feedback",
        "count",
        goal.namedInFeedback,
        before?.namedInFeedback ?? 0,
        { group },
      ),
    ];
  });
  return {
    id: "leerdoelen",
    title: "Leerdoelen",
    sheetName: "Leerdoelen",
    intro:
      "Per leerdoel: de sessies van cursussen met dat leerdoel, wie eraan deelnam, hun waardering en hoe vaak deelnemers in hun feedback zeiden dat de sessie hen bij dit leerdoel hielp.",
    tables: [
      {
        id: "leerdoelen-tabel",
        caption: "Cijfers per leerdoel",
        groupHeader: "Leerdoel",
        labelHeader: "Cijfer",
        layout: "long",
        rows,
      },
    ],
    charts: [
      {
        id: "grafiek-leerdoelen",
        tableId: "leerdoelen-tabel",
        title: "Deelnemers per leerdoel",
        format: "count",
        bars: chartBars(rows, ":participants"),
      },
    ],
    comments: null,
  };
}

function commentsSection(report: EvaluationReport): ReportSection {
  const { current, previous } = report;
  return {
    id: "opmerkingen",
    title: "Opmerkingen van deelnemers",
    sheetName: "Opmerkingen",
    intro:
      "De opmerkingen uit de feedback van dit halfjaar, op volgorde van binnenkomst. Wie ze gaf, staat er niet bij.",
    tables: [
      {
        id: "feedback-aantallen",
        caption: "Feedback",
        groupHeader: null,
        labelHeader: "Cijfer",
        layout: "long",
        rows: [
          row(
            "feedbackCount",
            "Feedback gegeven",
            "count",
            current.feedbackCount,
            previous.feedbackCount,
          ),
          row(
            "commentCount",
            "Met een opmerking",
            "count",
            current.comments.length,
            previous.comments.length,
          ),
        ],
      },
    ],
    charts: [],
    comments: current.comments.map((comment) => ({
      date: amsterdamDateOf(comment.givenAt),
      courseTitle: comment.courseTitle,
      rating: comment.rating,
      comment: comment.comment,
    })),
  };
}

/** The report's sections in the order of the page; each is one worksheet in the XLSX. */
// The sections of a report, built once per report object: the cached report (loadEvaluationReport)
// is the same object until its rows change, so the page and the downloads reuse its sections.
const sectionsByReport = new WeakMap<EvaluationReport, ReportSection[]>();

/** The report's sections; shared between callers like the report itself, so read-only. */
export function reportSections(report: EvaluationReport): ReportSection[] {
  let sections = sectionsByReport.get(report);
  if (!sections) {
    sections = buildReportSections(report);
    sectionsByReport.set(report, sections);
  }
  return sections;
}

function buildReportSections(report: EvaluationReport): ReportSection[] {
  const { current, previous } = report;
  return [
    {
      id: "kerncijfers",
      title: "Kerncijfers",
      sheetName: "Kerncijfers",
      intro: null,
      tables: [
        {
          id: "kerncijfers-tabel",
          caption: "Kerncijfers",
          groupHeader: null,
          labelHeader: "Cijfer",
          layout: "long",
          rows: headlineRows(current, previous),
        },
      ],
      charts: [],
      comments: null,
    },
    activitiesSection(report),
    participationSection(report),
    attendanceSection(report),
    spendSection(report),
    learningGoalSection(report),
    commentsSection(report),
  ];
}

// ---- Export rows ----

export type ExportCell = string | null | { value: number; format: FigureFormat } | { date: string };

export type ExportTable = {
  title: string;
  sheetName: string;
  columns: { header: string; width: number }[];
  rows: ExportCell[][];
};

/**
 * One table per section for the downloads. Comparison sections: the table's caption when the
 * section has several, the group, the figure, this half-year, the previous one and the difference.
 */
export function exportTables(report: EvaluationReport): ExportTable[] {
  const thisHalf = formatHalfYear(report.halfYear);
  const previousHalf = formatHalfYear(report.previousHalfYear);
  return reportSections(report).map((section) => {
    if (section.comments) {
      return {
        title: section.title,
        sheetName: section.sheetName,
        columns: [
          { header: "Datum", width: 13 },
          { header: "Activiteit", width: 40 },
          { header: "Waardering", width: 12 },
          { header: "Opmerking", width: 80 },
        ],
        rows: section.comments.map((comment) => [
          { date: comment.date },
          comment.courseTitle,
          { value: comment.rating, format: "count" },
          comment.comment,
        ]),
      };
    }
    const several = section.tables.length > 1;
    const grouped = section.tables.some((table) => table.groupHeader !== null);
    const groupHeaders = [
      ...new Set(section.tables.map((table) => table.groupHeader).filter(Boolean)),
    ];
    const columns = [
      ...(several ? [{ header: "Onderdeel", width: 28 }] : []),
      ...(grouped ? [{ header: groupHeaders.join(" / "), width: 40 }] : []),
      { header: "Cijfer", width: 38 },
      { header: thisHalf, width: 14 },
      { header: previousHalf, width: 14 },
      { header: "Verschil", width: 14 },
    ];
    const rows = section.tables.flatMap((table) =>
      table.rows.map((item): ExportCell[] => [
        ...(several ? [table.caption] : []),
        ...(grouped ? [item.group ?? ""] : []),
        item.label,
        figureCell(item.current, item.format),
        figureCell(item.previous, item.format),
        figureCell(item.difference, item.format),
      ]),
    );
    return { title: section.title, sheetName: section.sheetName, columns, rows };
  });
}

function figureCell(value: number | null, format: FigureFormat): ExportCell {
  return value === null ? null : { value, format };
}

// ---- CSV ----

function decimalComma(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  // "12.50" → "12,5"; "3.00" → "3"; no thousands separator, like the budget exports.
  return fixed
    .replace(/\.?0+$/, "")
    .replace(".", ",")
    .replace(/^-0$/, "0");
}

function csvCell(cell: ExportCell): string | number {
  if (cell === null) return "";
  if (typeof cell === "string") return neutraliseFormula(cell);
  if ("date" in cell) return formatNumericDate(cell.date);
  switch (cell.format) {
    case "euro":
      return centsToDecimal(cell.value);
    case "percent":
      return `${decimalComma(cell.value * 100, 1)}%`;
    case "hours":
    case "rating":
      return decimalComma(cell.value, 2);
    case "count":
      return cell.value;
  }
}

/**
 * All sections one after the other for Dutch Excel: semicolons, CRLF and a BOM. Each starts with
 * its title on a line of its own, then its header row; an empty line separates them.
 */
export function evaluationCsv(report: EvaluationReport): string {
  const lines: (string | number)[][] = [
    [`Halfjaarevaluatie ${halfYearLabel(report.halfYear)} (${formatHalfYear(report.halfYear)})`],
    [
      `Vergeleken met het ${halfYearLabel(report.previousHalfYear)} (${formatHalfYear(report.previousHalfYear)})`,
    ],
  ];
  for (const table of exportTables(report)) {
    lines.push([]);
    lines.push([table.title]);
    lines.push(table.columns.map((column) => column.header));
    for (const cells of table.rows) lines.push(cells.map(csvCell));
  }
  return stringify(lines, { delimiter: ";", bom: true, record_delimiter: "windows" });
}

// ---- XLSX ----

const numberFormats: Record<FigureFormat, string> = {
  count: "#,##0",
  hours: "#,##0.00",
  percent: "0.0%",
  euro: EURO_FORMAT,
  rating: "0.0",
};

/** A calendar date as an Excel date: midnight UTC, which exceljs writes as that very day. */
function excelDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** One worksheet per section, each with a bold, frozen header row; euros as numbers with a format. */
export async function evaluationWorkbook(
  report: EvaluationReport,
  now = reportClock.now(),
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Gildeportaal OGW";
  workbook.created = now;
  workbook.title = `Halfjaarevaluatie ${formatHalfYear(report.halfYear)}`;
  for (const table of exportTables(report)) {
    const sheet = workbook.addWorksheet(table.sheetName, {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    sheet.columns = table.columns.map((column) => ({ header: column.header, width: column.width }));
    sheet.getRow(1).font = { bold: true };
    for (const cells of table.rows) {
      const added = sheet.addRow(
        cells.map((cell) => {
          if (cell === null || typeof cell === "string") return cell;
          if ("date" in cell) return excelDate(cell.date);
          return cell.format === "euro" ? cell.value / 100 : cell.value;
        }),
      );
      cells.forEach((cell, index) => {
        if (cell === null || typeof cell === "string") return;
        added.getCell(index + 1).numFmt =
          "date" in cell ? "dd-mm-yyyy" : numberFormats[cell.format];
      });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

// ---- The page ----

export type EvaluationPageData = {
  halfYear: string;
  title: string;
  period: string;
  previousHalfYear: string;
  previousLabel: string;
  ongoing: boolean;
  notStarted: boolean;
  options: HalfYearOption[];
  error: string | null;
  rejected: string | null;
  defaultLabel: string;
  downloads: { xlsx: string; csv: string };
  sections: ReportSection[];
};

/** Everything /rapportages shows, for the ?halfjaar= in the address at `now`. */
export function evaluationPage(
  db: Db,
  raw: string | null,
  now = reportClock.now(),
): EvaluationPageData {
  const requested = requestedHalfYear(raw, now);
  const { halfYear } = requested;
  const report = loadEvaluationReport(db, halfYear);
  const order = compareHalfYears(halfYear, halfYearOf(now));
  const code = formatHalfYear(halfYear);
  return {
    halfYear: code,
    title: `Halfjaarevaluatie ${halfYearLabel(halfYear)}`,
    period: halfYearPeriod(halfYear),
    previousHalfYear: formatHalfYear(report.previousHalfYear),
    previousLabel: halfYearLabel(report.previousHalfYear),
    ongoing: order === 0,
    notStarted: order > 0,
    options: halfYearOptions(now, halfYear),
    error: requested.error,
    rejected: requested.rejected,
    defaultLabel: capitalise(halfYearLabel(lastCompletedHalfYear(now))),
    downloads: { xlsx: `/rapportages/${code}.xlsx`, csv: `/rapportages/${code}.csv` },
    sections: reportSections(report),
  };
}

/** The dashboard's "Dit halfjaar": a few headline figures of the half-year that is running. */
export function currentHalfYearSummary(db: Db, now = reportClock.now()) {
  const halfYear = halfYearOf(now);
  const figures = headlineFigures(loadEvaluationReport(db, halfYear));
  const wanted = ["activitiesHeld", "uniqueParticipants", "participations", "averageRating"];
  return {
    label: capitalise(halfYearLabel(halfYear)),
    halfYear: formatHalfYear(halfYear),
    figures: wanted.map((key) => figures.find((figure) => figure.key === key)!),
  };
}
