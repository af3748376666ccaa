// "Download mijn gegevens": the register of how every table relates to a member, and the JSON
// export built from it. A table missing from the register fails test/personal-data.test.ts.
import { eq, ne, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client.server.ts";
import {
  auditLog,
  courseSessions,
  courses,
  departments,
  enrolments,
  expenses,
  ledgerEntries,
  loginSessions,
  mailOutbox,
  memberExpertise,
  oneTimeTokens,
  passwords,
  users,
  feedback,
  feedbackLearningGoals,
} from "#db/schema.ts";
import { emailKey } from "./account.server.ts";

/** What a secret column shows in the export. */
export const HIDDEN = "[niet getoond]";
/** What another user's name or e-mail address in a text shows in the export. */
export const OTHER_USER = "[andere gebruiker]";

type Row = Record<string, unknown>;
type Member = { id: number; email: string };

export type PersonalTable = {
  personal: true;
  table: SQLiteTable;
  /** Dutch, for the explanation in the file: what these rows are. */
  description: string;
  /** Columns holding a user id; a row is exported when one of them is the member. */
  userColumns: readonly string[];
  /** Rows about the member that no user column points at (SQL on the table's own columns). */
  alsoAbout?: (member: Member) => SQL;
  /**
   * The column naming whom a row is about, and the columns describing that person: when the row is
   * someone else's (the member only acted on it), those columns are emptied too.
   */
  subject?: { column: string; private: readonly string[] };
  /** Never exported: shown as HIDDEN. */
  secrets?: readonly string[];
  /** Table-specific hiding that the rules above cannot say. */
  redact?: (row: Row, member: Member) => void;
};

export type OtherTable = { personal: false; reason: string };

export type TableRule = PersonalTable | OtherTable;

/**
 * Every table of db/schema.ts by its SQL name. Personal tables say how their rows refer to a
 * member; the others say in one line why they hold nothing about a person.
 */
export const personalDataRegister: Record<string, TableRule> = {
  users: {
    personal: true,
    table: users,
    description: "Uw account en profiel: naam, e-mailadres, afdeling, rollen, team, introductie.",
    userColumns: ["id"],
  },
  member_expertise: {
    personal: true,
    table: memberExpertise,
    description: "Uw expertises zoals ze in de ledenlijst staan.",
    userColumns: ["user_id"],
  },
  passwords: {
    personal: true,
    table: passwords,
    description: "Dat u een wachtwoord hebt en wanneer het is gewijzigd (het wachtwoord niet).",
    userColumns: ["user_id"],
    secrets: ["hash"],
  },
  login_sessions: {
    personal: true,
    table: loginSessions,
    description: "Uw open inlogsessies: wanneer gestart en wanneer ze verlopen.",
    userColumns: ["user_id"],
    secrets: ["id"],
  },
  one_time_tokens: {
    personal: true,
    table: oneTimeTokens,
    description: "Uitnodigings- en wachtwoordherstellinks die voor u zijn gemaakt.",
    userColumns: ["user_id"],
    secrets: ["id"],
  },
  audit_log: {
    personal: true,
    table: auditLog,
    description:
      "Het logboek: wat u deed, wat er met uw account, inschrijvingen en aanvragen gebeurde, en mislukte inlogpogingen op uw e-mailadres (dat staat er alleen als code in).",
    userColumns: ["actor_id"],
    alsoAbout: (member) => sql`
      (${auditLog.objectType} = 'user' AND ${auditLog.objectId} = ${String(member.id)})
      OR (${auditLog.objectType} = 'email' AND ${auditLog.objectId} = ${emailKey(member.email)})
      OR (${auditLog.objectType} = 'enrolment' AND ${auditLog.objectId} IN (
        SELECT CAST(${enrolments.id} AS TEXT) FROM ${enrolments} WHERE ${enrolments.memberId} = ${member.id}))
      OR (${auditLog.objectType} = 'expense' AND ${auditLog.objectId} IN (
        SELECT CAST(${expenses.id} AS TEXT) FROM ${expenses} WHERE ${expenses.requestedById} = ${member.id}))`,
    // The origin is the address of whoever acted.
    subject: { column: "actor_id", private: ["origin"] },
    redact: (row, member) => {
      // What the member did to another user's account is about that user.
      if (row.object_type === "user" && row.object_id !== String(member.id)) {
        row.object_id = null;
        row.details = null;
      }
    },
  },
  mail_outbox: {
    personal: true,
    table: mailOutbox,
    description: "De e-mails die het portaal aan u stuurde of nog moet sturen, met bijlagen.",
    userColumns: ["to_user_id"],
    alsoAbout: (member) => sql`lower(${mailOutbox.toAddress}) = ${member.email.toLowerCase()}`,
  },
  enrolments: {
    personal: true,
    table: enrolments,
    description:
      "Uw inschrijvingen, en inschrijvingen van anderen waarover u besliste (zonder wie dat was).",
    userColumns: ["member_id", "decided_by_id", "cancelled_by_id", "attendance_registered_by_id"],
    subject: { column: "member_id", private: ["ogw_role", "department_id"] },
  },
  expenses: {
    personal: true,
    table: expenses,
    description:
      "Uitgaven die u aanvroeg (ook voor een betaalde inschrijving), en uitgaven waarover u besliste.",
    userColumns: ["requested_by_id", "college_recorded_by_id", "decided_by_id"],
    subject: { column: "requested_by_id", private: ["ogw_role", "department_id"] },
  },
  ledger_entries: {
    personal: true,
    table: ledgerEntries,
    description: "Boekingen in het grootboek die u deed (bijvoorbeeld door een goedkeuring).",
    userColumns: ["created_by_id"],
  },
  feedback: {
    personal: true,
    table: feedback,
    description: "Uw beoordelingen en opmerkingen na sessies die u bijwoonde.",
    userColumns: [],
    alsoAbout: (member) => sql`${feedback.enrolmentId} IN (
      SELECT ${enrolments.id} FROM ${enrolments} WHERE ${enrolments.memberId} = ${member.id})`,
  },
  feedback_learning_goals: {
    personal: true,
    table: feedbackLearningGoals,
    description: "De leerdoelen die u in uw beoordelingen noemde.",
    userColumns: [],
    alsoAbout: (member) => sql`${feedbackLearningGoals.feedbackId} IN (
      SELECT ${feedback.id} FROM ${feedback} JOIN ${enrolments} ON ${enrolments.id} = ${feedback.enrolmentId}
      WHERE ${enrolments.memberId} = ${member.id})`,
  },
  departments: {
    personal: false,
    reason: "De lijst van afdelingen; over niemand in het bijzonder.",
  },
  content_pages: { personal: false, reason: "De inhoudspagina's van het portaal." },
  learning_goals: { personal: false, reason: "De leerdoelen van het gilde." },
  courses: { personal: false, reason: "De catalogus: cursussen en kennissessies." },
  course_target_roles: { personal: false, reason: "Voor welke OGW-rollen een cursus bedoeld is." },
  course_learning_goals: { personal: false, reason: "Welke leerdoelen een cursus dient." },
  course_sessions: {
    personal: false,
    reason: "Data, plaatsen en kosten van sessies; wie eraan deelneemt staat in enrolments.",
  },
  budgets: { personal: false, reason: "Het opleidingsbudget en zijn instellingen." },
  budget_ledger_totals: {
    personal: false,
    reason: "Totalen van het grootboek per budget, bijgehouden voor de cijfers; zonder personen.",
  },
  budget_ledger_buckets: {
    personal: false,
    reason: "Wat het grootboek per tijdvak met het beschikbare bedrag deed; zonder personen.",
  },
  report_generation: {
    personal: false,
    reason: "Een teller die verspringt bij elke wijziging die de halfjaarevaluatie raakt.",
  },
  budget_expense_groups: {
    personal: false,
    reason:
      "Aantallen en bedragen van uitgaven per soort, afdeling, OGW-rol en status; geen personen.",
  },
};

export function personalTables(): [string, PersonalTable][] {
  return Object.entries(personalDataRegister).filter(
    (entry): entry is [string, PersonalTable] => entry[1].personal,
  );
}

// ---- Mentions of people in text ------------------------------------------------------------

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How React and react-email write a text into HTML, and the other common spelling of the quote. */
function htmlEscapings(value: string): string[] {
  const base = value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return [base.replace(/'/g, "&#x27;"), base.replace(/'/g, "&#39;")];
}

/** RFC 5545 TEXT escaping, for names in calendar files. */
function icsEscaping(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,");
}

/** The spellings in which a name or address can stand in a stored mail. */
export function spellingsOf(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed === "") return [];
  return [...new Set([trimmed, ...htmlEscapings(trimmed), icsEscaping(trimmed)])];
}

/**
 * One pattern for any of the values: as plain, HTML-escaped or calendar-escaped text, in any
 * capitals (plain-text mail writes headings in capitals) and with any white space between words,
 * but not as part of a longer word ("Oud-lid 1" is not in "Oud-lid 12").
 */
export function mentionPattern(values: readonly string[]): RegExp | null {
  const alternatives = values
    .flatMap(spellingsOf)
    .sort((a, b) => b.length - a.length)
    .map((spelling) => spelling.split(/\s+/).map(escapeRegExp).join("\\s+"));
  if (alternatives.length === 0) return null;
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...new Set(alternatives)].join("|")})(?![\\p{L}\\p{N}])`,
    "giu",
  );
}

// ---- The export ------------------------------------------------------------------------------

export type PersonalDataExport = {
  gemaaktOp: string;
  toelichting: {
    algemeen: string[];
    tabellen: Record<string, string>;
    nietOpgenomen: Record<string, string>;
  };
  tabellen: Record<string, Row[]>;
};

function columnNames(row: Row): string[] {
  return Object.keys(row);
}

function whereAbout(rule: PersonalTable, member: Member): SQL {
  const conditions = rule.userColumns.map(
    (column) => sql`${sql.identifier(column)} = ${member.id}`,
  );
  if (rule.alsoAbout) conditions.push(sql`(${rule.alsoAbout(member)})`);
  return sql.join(conditions, sql` OR `);
}

/** The rows of one personal table that refer to the member, exactly as stored. */
export function selectRowsAbout(db: Db, tableName: string, member: Member): Row[] {
  const rule = personalDataRegister[tableName];
  if (!rule?.personal) throw new Error(`${tableName} is not a personal table`);
  return db.all<Row>(
    sql`SELECT * FROM ${sql.identifier(tableName)} WHERE ${whereAbout(rule, member)} ORDER BY rowid`,
  );
}

function hideOthers(rule: PersonalTable, row: Row, member: Member, others: RegExp | null): Row {
  const out: Row = { ...row };
  if (rule.subject && out[rule.subject.column] !== member.id) {
    for (const column of rule.subject.private) out[column] = null;
  }
  for (const column of rule.userColumns) {
    if (out[column] !== null && out[column] !== member.id) out[column] = null;
  }
  for (const column of rule.secrets ?? []) {
    if (out[column] !== null) out[column] = HIDDEN;
  }
  rule.redact?.(out, member);
  if (others) {
    for (const column of columnNames(out)) {
      const value = out[column];
      if (typeof value === "string") out[column] = value.replace(others, OTHER_USER);
    }
  }
  return out;
}

/** Readable context that holds nothing about anyone else: course and session of a row. */
function sessionContext(db: Db) {
  const cache = new Map<number, Row | null>();
  return (sessionId: unknown): Row => {
    if (typeof sessionId !== "number") return {};
    if (!cache.has(sessionId)) {
      const found = db
        .select({ title: courses.title, startsAt: courseSessions.startsAt })
        .from(courseSessions)
        .innerJoin(courses, eq(courses.id, courseSessions.courseId))
        .where(eq(courseSessions.id, sessionId))
        .get();
      cache.set(
        sessionId,
        found ? { _cursus: found.title, _sessie_begint_op: found.startsAt } : null,
      );
    }
    return cache.get(sessionId) ?? {};
  };
}

/**
 * Everything the portal holds about one member, per table. Rows are included when one of their
 * user columns is the member; other people's ids, names and addresses, and secrets, are left out.
 * Run it in one transaction so that the tables agree with each other.
 */
export function buildPersonalDataExport(
  db: Db,
  userId: number,
  now = new Date(),
): PersonalDataExport | null {
  const found = db.select().from(users).where(eq(users.id, userId)).get();
  if (!found) return null;
  const member: Member = { id: found.id, email: found.email };

  // Names and addresses of everyone else, except those that are part of the member's own.
  const own = `${found.name}\n${found.email}`.toLowerCase();
  const otherValues = db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(ne(users.id, userId))
    .all()
    .flatMap((other) => [other.name, other.email])
    .filter((value) => value.trim().length >= 3 && !own.includes(value.trim().toLowerCase()));
  const others = mentionPattern(otherValues);
  const contextOf = sessionContext(db);

  const tabellen: Record<string, Row[]> = {};
  const described: Record<string, string> = {};
  const left: Record<string, string> = {};
  for (const [name, rule] of Object.entries(personalDataRegister)) {
    if (!rule.personal) {
      left[name] = rule.reason;
      continue;
    }
    described[name] = rule.description;
    tabellen[name] = selectRowsAbout(db, name, member).map((row) => {
      const shown = hideOthers(rule, row, member, others);
      if (name === "enrolments" || name === "expenses")
        Object.assign(shown, contextOf(row.session_id));
      if (name === "users" && typeof row.department_id === "number") {
        const department = db
          .select({ name: departments.name })
          .from(departments)
          .where(eq(departments.id, row.department_id))
          .get();
        if (department) shown._afdeling = department.name;
      }
      return shown;
    });
  }

  return {
    gemaaktOp: now.toISOString(),
    toelichting: {
      algemeen: [
        "Dit bestand bevat alle gegevens die het Gildeportaal OGW over u bewaart, per tabel van de database en met de kolomnamen van de database.",
        "Een rij staat erin als een van de gebruikerskolommen naar u verwijst: uw account, inschrijvingen, aanvragen, e-mails, boekingen en de regels in het logboek over wat u deed of wat met uw account gebeurde.",
        "Gegevens van anderen staan er niet in: verwijst een kolom naar een andere gebruiker, dan staat er null; gaat een rij over iemand anders (u besliste er bijvoorbeeld over), dan zijn ook diens OGW-rol, afdeling en IP-adres weggelaten; namen en e-mailadressen van anderen in teksten zijn vervangen door „[andere gebruiker]”.",
        "Geheimen (de versleutelde vorm van uw wachtwoord en de codes van sessies en links) staan er niet in maar als „[niet getoond]”.",
        "Velden die met een _ beginnen zijn toegevoegd om het leesbaar te maken, zoals de titel van de cursus bij een inschrijving.",
        "Bedragen zijn in eurocenten; tijdstippen in UTC (ISO 8601); datums als JJJJ-MM-DD.",
        "De zoekindex van de ledenlijst (member_search) is een kopie van uw naam, team, expertises en introductie uit users en member_expertise, en staat er daarom niet apart in.",
      ],
      tabellen: described,
      nietOpgenomen: left,
    },
    tabellen,
  };
}
