// The budget's exports: CSV for Dutch Excel (semicolons, decimal commas, a BOM so é and € survive)
// and an XLSX workbook with real numbers and dates. Both are built from the same report.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import {
  expenseKindLabels,
  expenseStatusLabels,
  ledgerEntryTypeLabels,
} from "#app/domain/budget.ts";
import {
  amsterdamDateOf,
  availableDelta,
  centsToDecimal,
  collegeStatusLabel,
  dayNumber,
  formatNumericDate,
  type Breakdown,
} from "#app/domain/budget-report.ts";
import { ogwRoleLabels } from "#app/domain/roles.ts";
import type { ExpenseListRow } from "#app/models/budget.server.ts";
import type { LedgerReportRow } from "#app/models/budget-report.server.ts";
import type { BudgetReport } from "./budget-report.server.ts";

export const EURO_FORMAT = '"€" #,##0.00';
const DATE_FORMAT = "dd-mm-yyyy";

/**
 * Text typed by users could start a spreadsheet formula ("=HYPERLINK(…)"); a leading apostrophe
 * keeps it text. Only for free text: amounts are ours and may start with a minus.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A file name such as "opleidingsbudget-uitgaven-2026-05-01.csv". */
export function exportFileName(
  part: string | null,
  today: string,
  extension: "csv" | "xlsx",
): string {
  return ["opleidingsbudget", part, today].filter(Boolean).join("-") + `.${extension}`;
}

export function downloadHeaders(fileName: string, contentType: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    // Figures about people and money: never kept by a shared cache or the browser's.
    "Cache-Control": "no-store",
  };
}

// ---- CSV ----

const expenseColumns = [
  "ID",
  "Datum aanvraag",
  "Omschrijving",
  "Leverancier",
  "Soort",
  "Afdeling",
  "OGW-rol",
  "Status",
  "Significant",
  "Collegebesluit",
  "Bedrag aangevraagd",
  "Bedrag betaald",
];

function expenseFacts(expense: ExpenseListRow) {
  return {
    kind: expenseKindLabels[expense.kind],
    department: expense.departmentCode ?? "",
    ogwRole: expense.ogwRole ? ogwRoleLabels[expense.ogwRole] : "",
    status: expenseStatusLabels[expense.status],
    significant: expense.significant ? "ja" : "nee",
    college: expense.significant ? collegeStatusLabel(expense) : "",
  };
}

function csv(columns: string[], rows: (string | number)[][]): string {
  // Semicolons and CRLF: what Excel with Dutch regional settings opens without an import wizard.
  return stringify([columns, ...rows], { delimiter: ";", bom: true, record_delimiter: "windows" });
}

export function expensesCsv(expenses: readonly ExpenseListRow[]): string {
  // Oldest first, like the ledger, so the file reads as a history.
  const rows = [...expenses].reverse().map((expense) => {
    const facts = expenseFacts(expense);
    return [
      expense.id,
      formatNumericDate(amsterdamDateOf(expense.requestedAt)),
      neutraliseFormula(expense.description),
      neutraliseFormula(expense.supplier),
      facts.kind,
      neutraliseFormula(facts.department),
      facts.ogwRole,
      facts.status,
      facts.significant,
      facts.college,
      centsToDecimal(expense.amountCents),
      expense.paidAmountCents === null ? "" : centsToDecimal(expense.paidAmountCents),
    ];
  });
  return csv(expenseColumns, rows);
}

const ledgerColumns = [
  "ID",
  "Datum",
  "Soort boeking",
  "Bedrag",
  "Effect op beschikbaar",
  "Reden",
  "Uitgave",
  "Geboekt door",
];

export function ledgerCsv(ledger: readonly LedgerReportRow[]): string {
  const rows = ledger.map((entry) => [
    entry.id,
    formatNumericDate(amsterdamDateOf(entry.at)),
    ledgerEntryTypeLabels[entry.type],
    centsToDecimal(entry.amountCents),
    centsToDecimal(availableDelta(entry.type, entry.amountCents)),
    neutraliseFormula(entry.reason),
    entry.expenseId ?? "",
    neutraliseFormula(entry.createdByName ?? ""),
  ]);
  return csv(ledgerColumns, rows);
}

// ---- XLSX ----

/** A calendar date as an Excel date: midnight UTC, which exceljs writes as that very day. */
function excelDate(date: string): Date {
  return new Date(dayNumber(date) * 24 * 60 * 60 * 1000);
}

const euros = (cents: number) => cents / 100;

type ColumnSpec = { header: string; width: number; format?: "euro" | "date" | "percent" };

function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: ColumnSpec[],
  rows: unknown[][],
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style:
      column.format === "euro"
        ? { numFmt: EURO_FORMAT }
        : column.format === "date"
          ? { numFmt: DATE_FORMAT }
          : column.format === "percent"
            ? { numFmt: "0.0%" }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

const breakdownColumns = (first: string): ColumnSpec[] => [
  { header: first, width: 36 },
  { header: "Verplicht", width: 16, format: "euro" },
  { header: "Gerealiseerd", width: 16, format: "euro" },
  { header: "Gebruikt", width: 16, format: "euro" },
  { header: "In aanvraag", width: 16, format: "euro" },
  { header: "Aantal uitgaven", width: 16 },
];

function addBreakdown(
  workbook: ExcelJS.Workbook,
  name: string,
  first: string,
  breakdown: Breakdown,
) {
  const line = (row: Breakdown["total"]) => [
    row.label,
    euros(row.committedCents),
    euros(row.actualCents),
    euros(row.usedCents),
    euros(row.pendingCents),
    row.expenseCount,
  ];
  const sheet = addTable(workbook, name, breakdownColumns(first), [
    ...breakdown.rows.map(line),
    line(breakdown.total),
  ]);
  sheet.lastRow!.font = { bold: true };
}

export async function budgetWorkbook(
  report: BudgetReport,
  now = new Date(),
): Promise<Uint8Array<ArrayBuffer>> {
  const { budget, figures } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Gildeportaal OGW";
  workbook.created = now;

  // Overzicht: label and value, each value cell formatted for what it holds.
  const overview = workbook.addWorksheet("Overzicht");
  overview.columns = [
    { header: "Onderdeel", width: 34 },
    { header: "Waarde", width: 48 },
  ];
  overview.getRow(1).font = { bold: true };
  const facts: [string, string | number | Date, ("euro" | "date" | "percent")?][] = [
    ["Budget", budget.name],
    ["Financiering", budget.fundingSource],
    ["Datum collegebesluit", excelDate(budget.decisionDate), "date"],
    ["Kenmerk collegebesluit", budget.decisionReference],
    ["Begin periode", excelDate(budget.startDate), "date"],
    ["Einde periode", excelDate(budget.endDate), "date"],
    ["Drempel significante uitgave", euros(budget.significanceThresholdCents), "euro"],
    ["Peildatum", excelDate(report.today), "date"],
    ["Budget (toegekend)", euros(figures.budgetCents), "euro"],
    ["Verplicht", euros(figures.committedCents), "euro"],
    ["Gerealiseerd", euros(figures.actualCents), "euro"],
    ["In aanvraag", euros(figures.pendingCents), "euro"],
    ["Beschikbaar", euros(figures.availableCents), "euro"],
    ["In gebruik", report.useRatio, "percent"],
    ["Verwachting", report.runOutSentence],
  ];
  for (const [label, value, format] of facts) {
    const row = overview.addRow([label, value]);
    const cell = row.getCell(2);
    if (format === "euro") cell.numFmt = EURO_FORMAT;
    if (format === "date") cell.numFmt = DATE_FORMAT;
    if (format === "percent") cell.numFmt = "0.0%";
    cell.alignment = { horizontal: "left" };
  }

  addTable(
    workbook,
    "Uitgaven",
    [
      { header: "ID", width: 8 },
      { header: "Datum aanvraag", width: 15, format: "date" },
      { header: "Omschrijving", width: 40 },
      { header: "Leverancier", width: 28 },
      { header: "Soort", width: 32 },
      { header: "Afdeling", width: 12 },
      { header: "OGW-rol", width: 26 },
      { header: "Status", width: 24 },
      { header: "Significant", width: 12 },
      { header: "Collegebesluit", width: 50 },
      { header: "Bedrag aangevraagd", width: 18, format: "euro" },
      { header: "Bedrag betaald", width: 18, format: "euro" },
    ],
    [...report.expenses].reverse().map((expense) => {
      const f = expenseFacts(expense);
      return [
        expense.id,
        excelDate(amsterdamDateOf(expense.requestedAt)),
        expense.description,
        expense.supplier,
        f.kind,
        f.department,
        f.ogwRole,
        f.status,
        f.significant,
        f.college,
        euros(expense.amountCents),
        expense.paidAmountCents === null ? null : euros(expense.paidAmountCents),
      ];
    }),
  );

  addTable(
    workbook,
    "Grootboek",
    [
      { header: "ID", width: 8 },
      { header: "Datum", width: 13, format: "date" },
      { header: "Soort boeking", width: 16 },
      { header: "Bedrag", width: 16, format: "euro" },
      { header: "Effect op beschikbaar", width: 22, format: "euro" },
      { header: "Reden", width: 50 },
      { header: "Uitgave", width: 10 },
      { header: "Geboekt door", width: 26 },
    ],
    report.ledger.map((entry) => [
      entry.id,
      excelDate(amsterdamDateOf(entry.at)),
      ledgerEntryTypeLabels[entry.type],
      euros(entry.amountCents),
      euros(availableDelta(entry.type, entry.amountCents)),
      entry.reason,
      entry.expenseId,
      entry.createdByName ?? "",
    ]),
  );

  addBreakdown(workbook, "Per soort", "Soort", report.byKind);
  addBreakdown(workbook, "Per afdeling", "Afdeling", report.byDepartment);
  addBreakdown(workbook, "Per OGW-rol", "OGW-rol", report.byOgwRole);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
