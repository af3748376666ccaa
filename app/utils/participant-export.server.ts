// A session's participants as a download (/sessies/:id/deelnemers.csv and .xlsx): one guard, one
// set of rows and one file name for both; CSV for Dutch Excel (semicolons, CRLF and a BOM, like
// the budget exports), XLSX with real numbers and date-times.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { amsterdamDateOf } from "#app/domain/budget-report.ts";
import { attendanceStatusLabels, enrolmentStatusLabels } from "#app/domain/enrolment.ts";
import { ogwRoleLabels } from "#app/domain/roles.ts";
import { utcToAmsterdamLocal } from "#app/domain/time.ts";
import { getSessionWithCourse } from "#app/models/catalogue.server.ts";
import { listParticipants, type ParticipantRow } from "#app/models/enrolments.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { neutraliseFormula } from "#app/utils/budget-export.server.ts";
import { getDb } from "#db/client.server.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** One participant in the words of the export; the moment stays ISO until a format is chosen. */
type ParticipantLine = {
  name: string;
  email: string;
  department: string;
  ogwRole: string;
  status: string;
  waitlistPosition: number | null;
  enrolledAt: string;
  attendance: string;
};

function participantLine(participant: ParticipantRow): ParticipantLine {
  return {
    name: participant.name,
    email: participant.email,
    department: participant.departmentCode ?? "",
    ogwRole: ogwRoleLabels[participant.ogwRole],
    status: enrolmentStatusLabels[participant.status],
    waitlistPosition: participant.waitlistPosition,
    enrolledAt: participant.enrolledAt,
    attendance: participant.attendance ? attendanceStatusLabels[participant.attendance] : "",
  };
}

/**
 * The participants of the session in the URL, for someone who may see them: 403 otherwise (before
 * anything is looked up), 404 for a session that does not exist.
 */
export function requireParticipantExport(request: Request, params: { id?: string }) {
  requirePermission(request, "enrolments:view-participants");
  const id = /^\d{1,12}$/.test(params.id ?? "") ? Number(params.id) : null;
  const db = getDb();
  const found = id === null ? undefined : getSessionWithCourse(db, id);
  if (!found) throw new Response("Deze sessie bestaat niet.", { status: 404 });
  const { session, course } = found;
  return {
    participants: listParticipants(db, session.id).map(participantLine),
    /** "deelnemers-actoren-in-kaart-2026-03-12.csv": the course and the session's day. */
    fileName: (extension: "csv" | "xlsx") =>
      `deelnemers-${course.slug}-${amsterdamDateOf(session.startsAt)}.${extension}`,
  };
}

const columns = [
  { header: "Naam", width: 30 },
  { header: "E-mailadres", width: 34 },
  { header: "Afdeling", width: 12 },
  { header: "OGW-rol", width: 26 },
  { header: "Status", width: 34 },
  { header: "Plaats op wachtlijst", width: 20 },
  { header: "Ingeschreven op", width: 18, style: { numFmt: "dd-mm-yyyy hh:mm" } },
  { header: "Aanwezigheid", width: 16 },
];

// ---- CSV ----

/** "2026-12-01T09:30:00.000Z" → "01-12-2026 10:30" in Amsterdam: what Dutch Excel reads as a moment. */
function spreadsheetMoment(iso: string): string {
  const local = utcToAmsterdamLocal(iso);
  return `${local.slice(8, 10)}-${local.slice(5, 7)}-${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

export function participantsCsv(participants: readonly ParticipantLine[]): string {
  const rows = participants.map((line) => [
    neutraliseFormula(line.name),
    neutraliseFormula(line.email),
    neutraliseFormula(line.department),
    line.ogwRole,
    line.status,
    line.waitlistPosition ?? "",
    spreadsheetMoment(line.enrolledAt),
    line.attendance,
  ]);
  // Semicolons and CRLF: what Excel with Dutch regional settings opens without an import wizard.
  return stringify([columns.map((column) => column.header), ...rows], {
    delimiter: ";",
    bom: true,
    record_delimiter: "windows",
  });
}

// ---- XLSX ----

/**
 * Excel has no time zones: exceljs writes a Date as its UTC wall clock, so the Amsterdam wall
 * clock goes in as if it were UTC and the sheet shows the time people saw in the portal.
 */
function excelMoment(iso: string): Date {
  return new Date(`${utcToAmsterdamLocal(iso)}:00Z`);
}

export async function participantsWorkbook(
  participants: readonly ParticipantLine[],
  now = new Date(),
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Gildeportaal OGW";
  workbook.created = now;
  const sheet = workbook.addWorksheet("Deelnemers", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  // Cells are typed values, never formulas, so names need no neutralising here.
  for (const line of participants) {
    sheet.addRow([
      line.name,
      line.email,
      line.department,
      line.ogwRole,
      line.status,
      line.waitlistPosition,
      excelMoment(line.enrolledAt),
      line.attendance,
    ]);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
