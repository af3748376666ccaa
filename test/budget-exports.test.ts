// The budget exports, read back the way a spreadsheet would: the CSV with csv-parse (semicolons,
// BOM, decimal commas), the workbook with exceljs (numbers with a euro format, real dates).
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as csvRoute from "#app/routes/budget.export[.]csv.tsx";
import * as xlsxRoute from "#app/routes/budget.export[.]xlsx.tsx";
import { EURO_FORMAT } from "#app/utils/budget-export.server.ts";
import { appRequest, settle, statusOf, testContext } from "#test/factories.ts";
import { buildBudgetDataset, expected } from "#test/budget-dataset.ts";

type Dataset = Awaited<ReturnType<typeof buildBudgetDataset>>;
let dataset: Dataset;

beforeAll(async () => {
  dataset = await buildBudgetDataset();
});

async function download(
  route: typeof csvRoute | typeof xlsxRoute,
  path: string,
  role: "member" | "coordinator" | "hr" | "admin",
) {
  return settle(() =>
    route.loader({
      request: appRequest(path, { cookie: dataset.users.get(role)!.cookie }),
      params: {},
      context: testContext,
    }),
  );
}

function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { delimiter: ";", bom: true, columns: true, skip_empty_lines: true });
}

describe("/budget/export.csv", () => {
  it("gives the expenses as a Dutch CSV download for P&O", async () => {
    const result = await download(csvRoute, "/budget/export.csv", "hr");
    expect(statusOf(result)).toBe(200);
    const response = result.response!;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="opleidingsbudget-uitgaven-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The UTF-8 byte order mark, so Excel reads "€" and "ö" correctly.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFFID;Datum aanvraag;Omschrijving;Leverancier;Soort;Afdeling;OGW-rol;Status;Significant;Collegebesluit;Bedrag aangevraagd;Bedrag betaald",
    );

    const rows = parseCsv(text);
    expect(rows).toHaveLength(5);
    const byId = new Map(rows.map((row) => [Number(row.ID), row]));
    expect(byId.get(dataset.ids.e1)).toMatchObject({
      "Datum aanvraag": "01-03-2023",
      Soort: "In-house opleiding",
      Afdeling: "MO/MB",
      "OGW-rol": "Opgaveregisseur",
      Significant: "ja",
      Collegebesluit: "Goedgekeurd door college op 14 maart 2023 (Z.190001 / D.1500001)",
      "Bedrag aangevraagd": "4000,00",
      "Bedrag betaald": "3850,50",
    });
    expect(byId.get(dataset.ids.e2)).toMatchObject({
      "Bedrag aangevraagd": "1250,50",
      "Bedrag betaald": "",
      Significant: "nee",
    });
    expect(byId.get(dataset.ids.e4)!.Collegebesluit).toBe("Nog voor te leggen");
    // Typed text that a spreadsheet would run as a formula stays text.
    expect(byId.get(dataset.ids.e5)!.Omschrijving).toBe("'=1+1 workshop");
  });

  it("gives the ledger with ?onderdeel=grootboek; its effects add up to what is available", async () => {
    const result = await download(
      csvRoute,
      "/budget/export.csv?onderdeel=grootboek",
      "coordinator",
    );
    expect(statusOf(result)).toBe(200);
    expect(result.response!.headers.get("Content-Disposition")).toContain(
      "opleidingsbudget-grootboek-",
    );
    const rows = parseCsv(await result.response!.text());
    // Allocation; E1 commitment, release, actual, correction; E2 commitment.
    expect(rows.map((row) => row["Soort boeking"])).toEqual([
      "Toekenning",
      "Verplichting",
      "Vrijval",
      "Realisatie",
      "Correctie",
      "Verplichting",
    ]);
    const cents = rows.map((row) =>
      Math.round(Number(row["Effect op beschikbaar"]!.replace(",", ".")) * 100),
    );
    expect(cents.reduce((sum, value) => sum + value, 0)).toBe(expected.availableCents);
    expect(rows[4]).toMatchObject({ Bedrag: "-149,50", "Effect op beschikbaar": "149,50" });
  });

  it("answers an unknown part with 400", async () => {
    expect(
      statusOf(await download(csvRoute, "/budget/export.csv?onderdeel=salarissen", "admin")),
    ).toBe(400);
  });

  it("is refused to members", async () => {
    expect(statusOf(await download(csvRoute, "/budget/export.csv", "member"))).toBe(403);
    expect(
      statusOf(await download(csvRoute, "/budget/export.csv?onderdeel=grootboek", "member")),
    ).toBe(403);
  });
});

describe("/budget/export.xlsx", () => {
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    const result = await download(xlsxRoute, "/budget/export.xlsx", "hr");
    expect(statusOf(result)).toBe(200);
    expect(result.response!.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(result.response!.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="opleidingsbudget-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await result.response!.arrayBuffer());
  });

  it("has a sheet for each part", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Overzicht",
      "Uitgaven",
      "Grootboek",
      "Per soort",
      "Per afdeling",
      "Per OGW-rol",
    ]);
  });

  it("puts the figures in the overview as euro numbers", () => {
    const sheet = workbook.getWorksheet("Overzicht")!;
    const valueOf = (label: string) => {
      let found: ExcelJS.Cell | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2);
      });
      return found!;
    };
    const available = valueOf("Beschikbaar");
    expect(available.value).toBe(expected.availableCents / 100);
    expect(typeof available.value).toBe("number");
    expect(available.numFmt).toBe(EURO_FORMAT);
    expect(valueOf("Verplicht").value).toBe(1250.5);
    expect(valueOf("Begin periode").value).toEqual(new Date(Date.UTC(2023, 1, 1)));
  });

  it("gives each expense with its amounts as numbers and its date as a date", () => {
    const sheet = workbook.getWorksheet("Uitgaven")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    let e1: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === dataset.ids.e1) e1 = row;
    });
    const paid = e1!.getCell(column("Bedrag betaald"));
    expect(paid.value).toBe(3850.5);
    expect(paid.numFmt).toBe(EURO_FORMAT);
    expect(e1!.getCell(column("Datum aanvraag")).value).toEqual(new Date(Date.UTC(2023, 2, 1)));
  });

  it("ends each breakdown with the total used", () => {
    const sheet = workbook.getWorksheet("Per soort")!;
    const total = sheet.lastRow!;
    expect(total.getCell(1).value).toBe("Totaal");
    expect(total.getCell(4).value).toBe((expected.committedCents + expected.actualCents) / 100);
    expect(total.getCell(4).numFmt).toBe(EURO_FORMAT);
  });

  it("is refused to members", async () => {
    expect(statusOf(await download(xlsxRoute, "/budget/export.xlsx", "member"))).toBe(403);
  });
});
