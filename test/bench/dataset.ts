// The benchmark's large data set: ten years of a busy guild, generated deterministically from a
// seed straight into a fresh, migrated SQLite file with bulk inserts (the services are far too slow
// for this volume). Run `npx tsx test/bench/dataset.ts <file>` to generate one and print its counts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { openSqlite } from "#db/connection.ts";
import { ogwRoles, type OgwRole } from "#app/domain/roles.ts";

/** Raise when the generated data changes, so cached files are not reused. */
export const GENERATOR_VERSION = 3;
export const DEFAULT_SEED = 20_261_128;
export const DEFAULT_NOW = new Date("2026-11-28T12:00:00.000Z");

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const migrationsFolder = path.join(projectRoot, "db/migrations");

const TARGET = {
  members: 2_200,
  courses: 640,
  sessions: 5_200,
  ledgerEntries: 205_000,
};
const FIRST_YEAR = 2017;
const COORDINATORS = 8;
const HR = 3;

export type BenchFixture = {
  seed: number;
  now: string;
  counts: Record<string, number>;
  users: { admin: number; coordinator: number; hr: number; member: number };
  /** Active users who may enrol, for the rush (none of them enrolled in the rush session yet). */
  activeMemberIds: number[];
  /** A published course with many sessions, for the course page. */
  courseSlug: string;
  /** A free course whose sessions anyone may enrol in, for the rush session. */
  freeCourseId: number;
  bigSessionId: number;
  bigSessionConfirmed: number;
  learningGoalSlug: string;
  halfYear: string;
  memberSearch: string;
  currentBudgetId: number;
  currentBudgetLedgerEntries: number;
};

// ---- Deterministic randomness ----

/** mulberry32: a tiny PRNG, so the same seed makes the same data set. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  /** `count` distinct items of `list` (partial Fisher-Yates on a copy). */
  const sample = <T>(list: readonly T[], count: number): T[] => {
    const copy = [...list];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, chance, sample };
}

// ---- Vocabulary ----

const firstNames = [
  "Anna",
  "Bram",
  "Cor",
  "Daan",
  "Esther",
  "Fatima",
  "Gert",
  "Hanneke",
  "Ismail",
  "Joost",
  "Karin",
  "Lotte",
  "Mohamed",
  "Noor",
  "Olaf",
  "Petra",
  "Quinten",
  "Rachida",
  "Sander",
  "Tessa",
  "Umut",
  "Vera",
  "Willem",
  "Xander",
  "Yara",
  "Zoë",
  "Anaïs",
  "Ömer",
  "Bas",
  "Femke",
  "Gijs",
  "Ilse",
  "Jeroen",
  "Kees",
  "Linda",
  "Marieke",
  "Niels",
  "Oscar",
  "Priya",
  "Ruud",
];
const infixes = ["", "", "", "", "de ", "van ", "van der ", "van den ", "ter "];
const lastNames = [
  "Jansen",
  "de Jong",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
  "Brouwer",
  "Dijkstra",
  "Kok",
  "Jacobs",
  "Vermeulen",
  "Schouten",
  "Willems",
  "Hoekstra",
  "Koster",
  "Prins",
  "Huisman",
  "Kuipers",
  "Veenstra",
  "Kramer",
  "Boer",
  "Post",
  "Blom",
  "Timmermans",
  "Yilmaz",
  "El Amrani",
  "Groen",
  "Wijnands",
  "Claessen",
  "Hermans",
];
const departmentNames: [string, string][] = [
  ["BV", "Bedrijfsvoering"],
  ["MO", "Maatschappelijke Ontwikkeling"],
  ["RO", "Ruimtelijke Ontwikkeling"],
  ["OOV", "Openbare Orde en Veiligheid"],
  ["P&O", "Personeel en Organisatie"],
  ["FIN", "Financiën"],
  ["IV", "Informatievoorziening"],
  ["BZ", "Bestuurszaken"],
  ["DV", "Dienstverlening"],
  ["BOR", "Beheer Openbare Ruimte"],
  ["ECO", "Economie en Duurzaamheid"],
  ["SD", "Sociaal Domein"],
];
const goalTitles = [
  "Opgaven formuleren",
  "Samenwerken over grenzen",
  "Sturen op maatschappelijk effect",
  "Bestuurlijke sensitiviteit",
  "Stakeholders betrekken",
  "Netwerkend werken",
  "Regie voeren",
  "Leren en reflecteren",
  "Data gebruiken",
  "Verandering begeleiden",
];
const tags = [
  "omgevingswet",
  "stakeholderanalyse",
  "procesregie",
  "participatie",
  "jeugdzorg",
  "wonen",
  "energietransitie",
  "mobiliteit",
  "subsidies",
  "inkoop",
  "privacy",
  "archief",
  "communicatie",
  "facilitatie",
  "projectleiding",
  "agile",
  "lean",
  "data-analyse",
  "gis",
  "begroting",
  "juridisch-advies",
  "bezwaar",
  "wmo",
  "participatiewet",
  "onderwijs",
  "sport",
  "cultuur",
  "klimaatadaptatie",
  "groen",
  "veiligheid",
  "handhaving",
  "vergunningen",
  "dienstverlening",
  "digitalisering",
  "informatiebeveiliging",
  "verandermanagement",
  "coaching",
  "mediation",
  "bestuursadvies",
  "raadsvoorstellen",
];
const topicWords = [
  "Omgevingswet",
  "Opgavegericht werken",
  "Stakeholders",
  "Samenwerken",
  "Regie",
  "Participatie",
  "Effectsturing",
  "Bestuurlijk advies",
  "Netwerken",
  "Procesbegeleiding",
  "Data",
  "Onderhandelen",
  "Conflicthantering",
  "Projectmatig werken",
  "Verandering",
  "Reflectie",
  "Energietransitie",
  "Woningbouw",
  "Sociaal domein",
  "Begroting",
];
const topicSuffixes = [
  "basis",
  "verdieping",
  "in de praktijk",
  "voor leidinggevenden",
  "masterclass",
  "werkplaats",
  "intervisie",
  "training",
];
const providers = [
  "Gilde OGW",
  "Bestuursacademie",
  "NSOB",
  "VNG Academie",
  "Huizen Leert",
  "De Argumentenfabriek",
  "Schouten & Nelissen",
  "Erasmus Academie",
];
const locations = [
  "Raadhuis Huizen, zaal 1",
  "Raadhuis Huizen, zaal 2",
  "Het Gildehuis",
  "Bibliotheek Huizen",
  null,
];
const suppliers = [
  "Bestuursacademie",
  "NSOB",
  "VNG Academie",
  "Schouten & Nelissen",
  "Zalenverhuur Huizen",
  "Catering De Brink",
  "Boekhandel Huizen",
  "De Argumentenfabriek",
];
const expenseDescriptions = [
  "Zaalhuur",
  "Catering",
  "Trainer",
  "Vakliteratuur",
  "Congres",
  "Opleiding",
  "Coaching",
  "Intervisiebegeleiding",
  "Reiskosten",
  "Licentie leerplatform",
];
const comments = [
  "Heel leerzaam.",
  "Goed toepasbaar in mijn werk.",
  "Te theoretisch.",
  "Sterke trainer.",
  "Graag een vervolg.",
  null,
  null,
  null,
];

// ---- Time helpers ----

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const yearStart = (year: number) => Date.UTC(year, 0, 1);

// ---- Fingerprint and cache ----

/** Seed, clock, generator version and the migrations (names and contents) the file was made with. */
export function datasetFingerprint(options: { seed?: number; now?: Date } = {}): string {
  const hash = crypto.createHash("sha256");
  hash.update(`v${GENERATOR_VERSION}:${options.seed ?? DEFAULT_SEED}:`);
  hash.update((options.now ?? DEFAULT_NOW).toISOString());
  for (const name of fs.readdirSync(migrationsFolder).sort()) {
    const full = path.join(migrationsFolder, name);
    if (fs.statSync(full).isFile()) hash.update(`${name}:`).update(fs.readFileSync(full));
  }
  const journal = path.join(migrationsFolder, "meta/_journal.json");
  if (fs.existsSync(journal)) hash.update(fs.readFileSync(journal));
  return hash.digest("hex");
}

/** Reuses `file` when its sidecar says it was made with the same fingerprint; generates otherwise. */
export async function ensureBenchDatabase(
  file: string,
  options: { seed?: number; now?: Date } = {},
): Promise<{ fixture: BenchFixture; reused: boolean; seconds: number }> {
  const fingerprint = datasetFingerprint(options);
  const sidecar = `${file}.fixture.json`;
  if (fs.existsSync(file) && fs.existsSync(sidecar)) {
    const saved = JSON.parse(fs.readFileSync(sidecar, "utf8")) as {
      fingerprint: string;
      fixture: BenchFixture;
    };
    if (saved.fingerprint === fingerprint)
      return { fixture: saved.fixture, reused: true, seconds: 0 };
  }
  fs.rmSync(sidecar, { force: true });
  const started = performance.now();
  const fixture = await generateBenchDatabase(file, options);
  fs.writeFileSync(sidecar, JSON.stringify({ fingerprint, fixture }, null, 2));
  return { fixture, reused: false, seconds: (performance.now() - started) / 1000 };
}

// ---- Generation ----

type UserRow = {
  id: number;
  departmentId: number;
  ogwRole: OgwRole;
  active: boolean;
};
type CourseRow = { id: number; kind: string; cost: number; published: boolean; goals: number[] };
type SessionRow = {
  id: number;
  course: CourseRow;
  startsAt: number;
  endsAt: number;
  deadline: number;
  capacity: number;
  status: "planned" | "cancelled" | "held";
  costCents: number;
};
type LedgerRow = {
  budgetId: number;
  expenseId: number | null;
  type: "allocation" | "commitment" | "release" | "actual" | "correction";
  amountCents: number;
  reason: string;
  createdById: number | null;
  at: number;
};

/**
 * Creates `file` afresh, migrates it and fills it. Everything is derived from the seed and `now`
 * (no Math.random, no wall clock), so the same options make the same rows.
 */
export async function generateBenchDatabase(
  file: string,
  options: { seed?: number; now?: Date } = {},
): Promise<BenchFixture> {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = (options.now ?? DEFAULT_NOW).getTime();
  const currentYear = new Date(now).getUTCFullYear();
  const random = prng(seed);

  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  const sqlite = openSqlite(file);
  try {
    migrate(drizzle(sqlite), { migrationsFolder });
    const fixture = fill(sqlite, random, now, currentYear, seed);
    sqlite.pragma("optimize");
    // Fold the WAL into the main file, so that a plain copy of the file is complete.
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return fixture;
  } finally {
    sqlite.close();
  }
}

function fill(
  sqlite: Database.Database,
  random: ReturnType<typeof prng>,
  now: number,
  currentYear: number,
  seed: number,
): BenchFixture {
  const createdAt = iso(yearStart(FIRST_YEAR) - 30 * DAY);

  // ---- Departments, learning goals ----
  const departmentIds: number[] = [];
  const goalIds: number[] = [];
  const goalSlugs: string[] = [];
  sqlite.transaction(() => {
    const dept = sqlite.prepare(
      "INSERT INTO departments (code, name, created_at) VALUES (?, ?, ?)",
    );
    for (const [code, name] of departmentNames)
      departmentIds.push(Number(dept.run(code, name, createdAt).lastInsertRowid));
    const goal = sqlite.prepare(
      "INSERT INTO learning_goals (slug, title, description, sort_order) VALUES (?, ?, ?, ?)",
    );
    goalTitles.forEach((title, index) => {
      const slug = title.toLowerCase().replace(/[^a-z]+/g, "-");
      goalSlugs.push(slug);
      goalIds.push(
        Number(goal.run(slug, title, `Leerdoel: ${title.toLowerCase()}.`, index).lastInsertRowid),
      );
    });
  })();

  // ---- Users, profiles, expertise (member_search is filled by the migration's triggers) ----
  const users: UserRow[] = [];
  const roleIds = { admin: 0, coordinators: [] as number[], hr: [] as number[] };
  sqlite.transaction(() => {
    const insert = sqlite.prepare(
      `INSERT INTO users (email, name, department_id, ogw_role, app_role, status, created_at, updated_at,
         deactivated_at, team, introduction, guild_joined_on, guild_left_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const expertise = sqlite.prepare("INSERT INTO member_expertise (user_id, tag) VALUES (?, ?)");
    const roleWeights: OgwRole[] = [
      ...Array<OgwRole>(2).fill("political_principal"),
      ...Array<OgwRole>(4).fill("official_principal"),
      ...Array<OgwRole>(8).fill("opgave_director"),
      ...Array<OgwRole>(16).fill("steering_professional"),
      ...Array<OgwRole>(12).fill("line_manager"),
      ...Array<OgwRole>(58).fill("employee"),
    ];
    for (let n = 1; n <= TARGET.members; n++) {
      const appRole =
        n === 1
          ? "admin"
          : n <= 1 + COORDINATORS
            ? "coordinator"
            : n <= 1 + COORDINATORS + HR
              ? "hr"
              : "member";
      const privileged = appRole !== "member";
      const active = privileged || !random.chance(0.03);
      const joined =
        yearStart(FIRST_YEAR) +
        random.int(0, Math.floor((now - yearStart(FIRST_YEAR)) / DAY) - 30) * DAY;
      const left = !privileged && random.chance(0.08) ? joined + random.int(60, 900) * DAY : null;
      const name = `${random.pick(firstNames)} ${random.pick(infixes)}${random.pick(lastNames)}`;
      const departmentId = random.pick(departmentIds);
      const ogwRole = random.pick(roleWeights);
      const memberTags = random.sample(tags, random.int(0, 4));
      const id = Number(
        insert.run(
          `lid${n}@huizen.example`,
          name,
          departmentId,
          ogwRole,
          appRole,
          active ? "active" : "deactivated",
          iso(joined),
          iso(joined),
          active ? null : iso(Math.min(now, joined + random.int(100, 2000) * DAY)),
          random.chance(0.7) ? `Team ${random.pick(topicWords)}` : null,
          random.chance(0.6)
            ? `Ik werk aan ${memberTags.join(", ") || "verschillende opgaven"} en help graag collega's verder.`
            : null,
          dateOnly(joined),
          left !== null && left < now + 200 * DAY ? dateOnly(left) : null,
        ).lastInsertRowid,
      );
      for (const tag of memberTags) expertise.run(id, tag);
      users.push({ id, departmentId, ogwRole, active });
      if (appRole === "admin") roleIds.admin = id;
      if (appRole === "coordinator") roleIds.coordinators.push(id);
      if (appRole === "hr") roleIds.hr.push(id);
    }
  })();
  const coordinatorOtherThan = (userId: number) => {
    let id = random.pick(roleIds.coordinators);
    while (id === userId) id = random.pick(roleIds.coordinators);
    return id;
  };

  // ---- Courses ----
  const courses: CourseRow[] = [];
  const courseSlugs = new Map<number, string>();
  sqlite.transaction(() => {
    const insert = sqlite.prepare(
      `INSERT INTO courses (kind, slug, title, summary, body, provider, cost_per_participant_cents,
         duration_hours, published, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const role = sqlite.prepare(
      "INSERT INTO course_target_roles (course_id, ogw_role) VALUES (?, ?)",
    );
    const goal = sqlite.prepare(
      "INSERT INTO course_learning_goals (course_id, learning_goal_id) VALUES (?, ?)",
    );
    for (let n = 1; n <= TARGET.courses; n++) {
      const draw = random.next();
      const kind = draw < 0.4 ? "in_house" : draw < 0.8 ? "knowledge_session" : "individual";
      const cost = kind === "individual" ? random.int(10, 180) * 1000 : 0;
      const title = `${random.pick(topicWords)}: ${random.pick(topicSuffixes)} ${n}`;
      const slug = `${title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`;
      const published = n === 1 || random.chance(0.95);
      const id = Number(
        insert.run(
          kind,
          slug,
          title,
          `Een ${kind === "individual" ? "opleiding" : "bijeenkomst"} over ${title.toLowerCase()}.`,
          `## Wat u leert\n\nIn deze ${kind === "in_house" ? "training" : "sessie"} werkt u aan ${title.toLowerCase()}.\n\n- Theorie\n- Oefeningen\n- Toepassing in uw eigen opgave\n`,
          random.pick(providers),
          cost,
          random.pick([1, 1.5, 2, 3, 4, 8, 16]),
          published ? 1 : 0,
          createdAt,
          createdAt,
        ).lastInsertRowid,
      );
      for (const r of random.sample(ogwRoles, random.int(1, 3))) role.run(id, r);
      const goals = random.sample(goalIds, random.int(1, 3));
      for (const g of goals) goal.run(id, g);
      courses.push({ id, kind, cost, published, goals });
      courseSlugs.set(id, slug);
    }
  })();
  // Course 1 is the flagship: free, published, with a session in every season (the course page).
  const flagship = courses[0]!;
  flagship.kind = "in_house";
  flagship.cost = 0;
  sqlite
    .prepare("UPDATE courses SET kind = 'in_house', cost_per_participant_cents = 0 WHERE id = ?")
    .run(flagship.id);

  // ---- Sessions: 2017 up to now, plus some ahead ----
  const sessions: SessionRow[] = [];
  const rangeStart = yearStart(FIRST_YEAR);
  const futureEnd = now + 200 * DAY;
  const insertSession = sqlite.prepare(
    `INSERT INTO course_sessions (course_id, starts_at, ends_at, location, online_url, capacity,
       enrolment_deadline, session_cost_cents, status, cancel_reason, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addSession = (course: CourseRow, day: number, capacity: number, forceFuture = false) => {
    const startsAt =
      day + random.pick([7, 8, 9, 12, 13, 15]) * 3600_000 + random.pick([0, 30]) * 60_000;
    const endsAt =
      startsAt + Math.max(1, Math.min(8, course.kind === "individual" ? 8 : 3)) * 3600_000;
    const deadline = startsAt - random.int(1, 7) * DAY;
    const past = startsAt < now && !forceFuture;
    const status: SessionRow["status"] = random.chance(0.04)
      ? "cancelled"
      : past
        ? random.chance(0.92)
          ? "held"
          : "planned"
        : "planned";
    const costCents =
      course.kind === "in_house" && random.chance(0.35) ? random.int(30, 150) * 1000 : 0;
    const online = random.chance(0.25);
    const id = Number(
      insertSession.run(
        course.id,
        iso(startsAt),
        iso(endsAt),
        online ? null : random.pick(locations),
        online ? "https://teams.example/gilde" : null,
        capacity,
        iso(deadline),
        costCents,
        status,
        status === "cancelled" ? "Te weinig aanmeldingen" : null,
        iso(Math.min(deadline, now) - 30 * DAY),
        iso(Math.min(deadline, now) - 30 * DAY),
      ).lastInsertRowid,
    );
    const row: SessionRow = { id, course, startsAt, endsAt, deadline, capacity, status, costCents };
    sessions.push(row);
    return row;
  };
  sqlite.transaction(() => {
    const flagshipSessions = 48;
    for (let i = 0; i < flagshipSessions; i++) {
      const day =
        rangeStart + Math.floor((((futureEnd - rangeStart) / flagshipSessions) * i) / DAY) * DAY;
      addSession(flagship, day, random.int(12, 24));
    }
    while (sessions.length < TARGET.sessions) {
      // Most sessions lie in the past ten years; a tenth is still to come.
      const future = random.chance(0.06);
      const day = future
        ? Math.floor(now / DAY) * DAY + random.int(1, 190) * DAY
        : rangeStart + random.int(0, Math.floor((now - rangeStart) / DAY) - 1) * DAY;
      const course = random.pick(courses);
      addSession(
        course,
        day,
        course.kind === "knowledge_session" ? random.int(15, 40) : random.int(8, 24),
      );
    }
  })();

  // The session page with 200 participants: a free in-house session two months ahead.
  const bigSession = sqlite.transaction(() =>
    addSession(flagship, Math.floor((now + 60 * DAY) / DAY) * DAY, 220, true),
  )();
  if (bigSession.status === "cancelled") {
    sqlite
      .prepare("UPDATE course_sessions SET status = 'planned', cancel_reason = NULL WHERE id = ?")
      .run(bigSession.id);
    bigSession.status = "planned";
  }

  // ---- Budgets: one per year ----
  const budgetIds = new Map<number, number>();
  sqlite.transaction(() => {
    const insert = sqlite.prepare(
      `INSERT INTO budgets (name, funding_source, decision_date, decision_reference, start_date,
         end_date, significance_threshold_cents, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let year = FIRST_YEAR; year <= currentYear; year++) {
      const at = iso(yearStart(year) - 20 * DAY);
      budgetIds.set(
        year,
        Number(
          insert.run(
            `Opleidingsbudget Gilde OGW ${year}`,
            "Organisatieontwikkeling, programma Opgavegericht werken",
            dateOnly(yearStart(year) - 40 * DAY),
            `B&W ${year - 1}/${random.int(100, 999)}`,
            `${year}-01-01`,
            `${year}-12-31`,
            250_000,
            at,
            at,
          ).lastInsertRowid,
        ),
      );
    }
  })();
  const budgetFor = (at: number) => {
    const year = Math.min(currentYear, Math.max(FIRST_YEAR, new Date(at).getUTCFullYear()));
    return { year, id: budgetIds.get(year)! };
  };

  const ledger: LedgerRow[] = [];
  const usedPerYear = new Map<number, number>();
  const addUsed = (year: number, cents: number) =>
    usedPerYear.set(year, (usedPerYear.get(year) ?? 0) + cents);

  const insertExpense = sqlite.prepare(
    `INSERT INTO expenses (budget_id, description, supplier, kind, amount_cents, course_id, session_id,
       requested_by_id, department_id, ogw_role, status, significant, college_outcome,
       college_decision_date, college_reference, college_recorded_by_id, decided_by_id, decided_at,
       decision_reason, paid_amount_cents, paid_at, requested_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  type ExpensePlan = {
    description: string;
    supplier: string;
    kind: string;
    amountCents: number;
    courseId: number | null;
    sessionId: number | null;
    requester: UserRow;
    status: "requested" | "approved" | "rejected" | "paid" | "cancelled";
    /** Cancelled after approval (a commitment and its release) rather than withdrawn. */
    cancelledAfterApproval?: boolean;
    requestedAt: number;
    paidCents?: number;
    /** Session costs are booked as actual straight away, without a commitment. */
    directActual?: boolean;
  };
  /** Inserts the expense and plans the ledger entries its history wrote (app/domain/budget.ts). */
  const addExpense = (plan: ExpensePlan): number => {
    const budget = budgetFor(plan.requestedAt);
    const significant = plan.amountCents >= 250_000;
    const decided =
      plan.status !== "requested" && !(plan.status === "cancelled" && !plan.cancelledAfterApproval);
    const decider = plan.directActual ? plan.requester.id : coordinatorOtherThan(plan.requester.id);
    const decidedAt = Math.min(now, plan.requestedAt + random.int(1, 10) * DAY);
    const paidAt = Math.min(now, decidedAt + random.int(5, 60) * DAY);
    const collegeOutcome =
      significant && plan.status !== "requested"
        ? plan.status === "rejected"
          ? "rejected"
          : "approved"
        : null;
    const paidCents = plan.status === "paid" ? (plan.paidCents ?? plan.amountCents) : null;
    const id = Number(
      insertExpense.run(
        budget.id,
        plan.description,
        plan.supplier,
        plan.kind,
        plan.amountCents,
        plan.courseId,
        plan.sessionId,
        plan.requester.id,
        plan.requester.departmentId,
        plan.requester.ogwRole,
        plan.status,
        significant ? 1 : 0,
        collegeOutcome,
        collegeOutcome ? dateOnly(decidedAt) : null,
        collegeOutcome ? `B&W ${budget.year}/${random.int(100, 999)}` : null,
        collegeOutcome ? roleIds.admin : null,
        decided && !plan.directActual ? decider : null,
        decided && !plan.directActual ? iso(decidedAt) : null,
        plan.status === "rejected"
          ? "Past niet in het opleidingsplan."
          : plan.status === "cancelled"
            ? "Gaat niet door."
            : null,
        paidCents,
        paidCents !== null ? iso(plan.directActual ? plan.requestedAt : paidAt) : null,
        iso(plan.requestedAt),
        iso(plan.status === "paid" ? paidAt : decidedAt),
      ).lastInsertRowid,
    );
    const entry = (type: LedgerRow["type"], amountCents: number, at: number, reason: string) =>
      ledger.push({
        budgetId: budget.id,
        expenseId: id,
        type,
        amountCents,
        reason,
        createdById: decider,
        at,
      });
    if (plan.directActual) {
      entry(
        "actual",
        plan.amountCents,
        plan.requestedAt,
        `Gerealiseerd na de sessie: ${plan.description}`,
      );
      addUsed(budget.year, plan.amountCents);
    } else if (plan.status === "approved") {
      entry("commitment", plan.amountCents, decidedAt, `Goedgekeurd: ${plan.description}`);
      addUsed(budget.year, plan.amountCents);
    } else if (plan.status === "cancelled" && plan.cancelledAfterApproval) {
      entry("commitment", plan.amountCents, decidedAt, `Goedgekeurd: ${plan.description}`);
      entry("release", plan.amountCents, paidAt, "Geannuleerd: gaat niet door.");
    } else if (plan.status === "paid") {
      entry("commitment", plan.amountCents, decidedAt, `Goedgekeurd: ${plan.description}`);
      entry("release", plan.amountCents, paidAt, `Betaald: ${plan.description}`);
      entry("actual", plan.amountCents, paidAt, `Betaald: ${plan.description}`);
      if (paidCents !== plan.amountCents)
        entry(
          "correction",
          paidCents! - plan.amountCents,
          paidAt,
          `Betaald: ${plan.description} (factuur wijkt af)`,
        );
      addUsed(budget.year, paidCents!);
    }
    return id;
  };

  // ---- Enrolments, attendance, feedback, paid enrolments' expenses ----
  const activeUsers = users.filter((user) => user.active);
  const enrolmentCounts = { total: 0, feedback: 0 };
  sqlite.transaction(() => {
    const insert = sqlite.prepare(
      `INSERT INTO enrolments (session_id, member_id, ogw_role, department_id, status, enrolled_at,
         promoted_at, decided_by_id, decided_at, decision_reason, cancelled_at, cancelled_by_id,
         attendance, attendance_registered_at, attendance_registered_by_id, expense_id,
         reminder_sent_at, initial_status, feedback_requested_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFeedback = sqlite.prepare(
      "INSERT INTO feedback (enrolment_id, rating, comment, given_at) VALUES (?, ?, ?, ?)",
    );
    const insertFeedbackGoal = sqlite.prepare(
      "INSERT INTO feedback_learning_goals (feedback_id, learning_goal_id) VALUES (?, ?)",
    );
    for (const session of sessions) {
      const big = session.id === bigSession.id;
      const past = session.startsAt < now;
      const paid = session.course.cost > 0;
      const cancelledSession = session.status === "cancelled";
      // Demand: a full session gets a waitlist; a session far ahead is still filling up.
      const daysAhead = (session.startsAt - now) / DAY;
      const fill = big
        ? 1
        : past
          ? random.next() * 0.6 + 0.55
          : Math.max(0.15, 1.1 - daysAhead / 200);
      const wanted = big
        ? 200
        : Math.max(1, Math.round(session.capacity * fill) + random.int(0, 3));
      const members = random.sample(
        big ? activeUsers : users,
        wanted + (big ? 0 : random.int(0, 2)),
      );
      let seatsHeld = 0;
      const lastEnrolment = Math.min(session.deadline, now - DAY);
      const firstEnrolment = Math.min(
        Math.max(session.deadline - 60 * DAY, session.startsAt - 120 * DAY),
        lastEnrolment - 5 * DAY,
      );
      members.forEach((member, index) => {
        const enrolledAt =
          firstEnrolment +
          Math.floor(((lastEnrolment - firstEnrolment) * (index + random.next())) / members.length);
        const cancels = !big && random.chance(0.07);
        const full = seatsHeld >= session.capacity;
        let status: string;
        let initial: string;
        let expenseId: number | null = null;
        let decidedBy: number | null = null;
        let decidedAt: string | null = null;
        let reason: string | null = null;
        if (full) {
          initial = "waitlisted";
          status = cancels ? "cancelled" : "waitlisted";
        } else if (paid) {
          initial = "requested";
          const outcome = cancels
            ? "cancelled"
            : random.chance(0.08)
              ? "rejected"
              : !past && random.chance(0.2)
                ? "requested"
                : "confirmed";
          status = outcome;
          const decider = coordinatorOtherThan(member.id);
          expenseId = addExpense({
            description: `Inschrijving ${session.course.id}-${session.id}: ${dateOnly(session.startsAt)}`,
            supplier: random.pick(providers),
            kind: session.course.kind,
            amountCents: session.course.cost,
            courseId: session.course.id,
            sessionId: session.id,
            requester: member,
            status:
              outcome === "confirmed"
                ? past && !cancelledSession
                  ? "paid"
                  : "approved"
                : outcome === "cancelled"
                  ? "cancelled"
                  : outcome,
            cancelledAfterApproval: outcome === "cancelled",
            requestedAt: enrolledAt,
            paidCents: random.chance(0.15)
              ? session.course.cost + random.int(-50, 50) * 100
              : undefined,
          });
          if (outcome !== "requested") {
            decidedBy = decider;
            decidedAt = iso(Math.min(now, enrolledAt + 2 * DAY));
            if (outcome === "rejected") reason = "Past niet in het opleidingsplan.";
          }
          if (outcome === "confirmed" || outcome === "requested") seatsHeld++;
        } else {
          initial = "confirmed";
          status = cancels ? "cancelled" : "confirmed";
          if (!cancels) seatsHeld++;
        }
        const attended = status === "confirmed" && session.status === "held";
        const attendance = attended ? (random.chance(0.88) ? "attended" : "no_show") : null;
        const registrar = random.pick(roleIds.coordinators);
        const id = Number(
          insert.run(
            session.id,
            member.id,
            member.ogwRole,
            member.departmentId,
            status,
            iso(enrolledAt),
            null,
            decidedBy,
            decidedAt,
            reason,
            status === "cancelled" ? iso(Math.min(now, enrolledAt + DAY)) : null,
            status === "cancelled" ? member.id : null,
            attendance,
            attendance ? iso(session.endsAt + 3600_000) : null,
            attendance ? registrar : null,
            expenseId,
            status === "confirmed" && past ? iso(session.startsAt - 2 * DAY) : null,
            initial,
            attendance === "attended" ? iso(session.endsAt + 3600_000) : null,
            iso(Math.min(now, enrolledAt + DAY)),
          ).lastInsertRowid,
        );
        enrolmentCounts.total++;
        if (attendance === "attended" && random.chance(0.6)) {
          const feedbackId = Number(
            insertFeedback.run(
              id,
              random.pick([2, 3, 4, 4, 4, 5, 5, 5]),
              random.pick(comments),
              iso(Math.min(now - 3600_000, session.endsAt + random.int(1, 20) * DAY)),
            ).lastInsertRowid,
          );
          for (const goal of random.sample(session.course.goals, random.int(0, 2)))
            insertFeedbackGoal.run(feedbackId, goal);
          enrolmentCounts.feedback++;
        }
      });
    }
  })();

  // ---- Session costs of held in-house sessions ----
  sqlite.transaction(() => {
    for (const session of sessions) {
      if (session.status !== "held" || session.costCents === 0) continue;
      addExpense({
        description: `Sessiekosten: ${session.course.id} (${dateOnly(session.startsAt)})`,
        supplier: random.pick(suppliers),
        kind: session.course.kind,
        amountCents: session.costCents,
        courseId: session.course.id,
        sessionId: session.id,
        requester: users[1]!,
        status: "paid",
        requestedAt: Math.min(now - DAY, session.endsAt + 2 * 3600_000),
        directActual: true,
      });
    }
  })();

  // ---- Other expenses in every state, until the ledger is large enough ----
  sqlite.transaction(() => {
    const span = now - yearStart(FIRST_YEAR);
    while (ledger.length < TARGET.ledgerEntries - (currentYear - FIRST_YEAR + 1) * 3) {
      const requestedAt = yearStart(FIRST_YEAR) + Math.floor(random.next() * (span - 2 * DAY));
      const recent = now - requestedAt < 45 * DAY;
      const draw = random.next();
      // Old expenses are settled; recent ones are still in every state.
      const status = recent
        ? draw < 0.3
          ? "requested"
          : draw < 0.55
            ? "approved"
            : draw < 0.62
              ? "rejected"
              : draw < 0.68
                ? "cancelled"
                : "paid"
        : draw < 0.05
          ? "rejected"
          : draw < 0.1
            ? "cancelled"
            : draw < 0.13
              ? "approved"
              : "paid";
      const amount = random.chance(0.02)
        ? random.int(2_500, 6_000) * 100
        : random.int(2, 120) * 500;
      addExpense({
        description: `${random.pick(expenseDescriptions)} ${random.pick(topicWords).toLowerCase()}`,
        supplier: random.pick(suppliers),
        kind: random.pick(["in_house", "knowledge_session", "individual", "other"]),
        amountCents: amount,
        courseId: null,
        sessionId: null,
        requester: random.pick(activeUsers),
        status,
        cancelledAfterApproval: status === "cancelled" && random.chance(0.5),
        requestedAt,
        paidCents: random.chance(0.2) ? Math.max(0, amount + random.int(-20, 20) * 100) : undefined,
      });
    }
  })();

  // ---- Allocations: each year's budget covers what was used, with room to spare ----
  for (const [year, budgetId] of budgetIds) {
    const used = usedPerYear.get(year) ?? 0;
    const base = Math.ceil((used * 1.1) / 100_000) * 100_000 + 1_500_000;
    ledger.push({
      budgetId,
      expenseId: null,
      type: "allocation",
      amountCents: base - 500_000,
      reason: "Toekenning door het college",
      createdById: roleIds.admin,
      at: yearStart(year),
    });
    ledger.push({
      budgetId,
      expenseId: null,
      type: "allocation",
      amountCents: 700_000,
      reason: "Ophoging na de voorjaarsnota",
      createdById: roleIds.admin,
      at: yearStart(year) + 120 * DAY,
    });
    ledger.push({
      budgetId,
      expenseId: null,
      type: "allocation",
      amountCents: -200_000,
      reason: "Verlaging na de najaarsnota",
      createdById: roleIds.admin,
      at: yearStart(year) + 290 * DAY,
    });
  }
  ledger.sort((a, b) => a.at - b.at);
  sqlite.transaction(() => {
    const insert = sqlite.prepare(
      `INSERT INTO ledger_entries (budget_id, expense_id, type, amount_cents, reason, created_by_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const row of ledger)
      insert.run(
        row.budgetId,
        row.expenseId,
        row.type,
        row.amountCents,
        row.reason,
        row.createdById,
        iso(row.at),
      );
  })();

  // ---- What the bench needs ----
  const count = (table: string) =>
    Number((sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  const counts = Object.fromEntries(
    [
      "departments",
      "learning_goals",
      "users",
      "member_expertise",
      "courses",
      "course_sessions",
      "enrolments",
      "feedback",
      "budgets",
      "expenses",
      "ledger_entries",
    ].map((table) => [table, count(table)]),
  );
  const currentBudgetId = budgetIds.get(currentYear)!;
  const currentBudgetLedgerEntries = Number(
    (
      sqlite
        .prepare("SELECT count(*) AS n FROM ledger_entries WHERE budget_id = ?")
        .get(currentBudgetId) as { n: number }
    ).n,
  );
  const bigSessionConfirmed = Number(
    (
      sqlite
        .prepare(
          "SELECT count(*) AS n FROM enrolments WHERE session_id = ? AND status = 'confirmed'",
        )
        .get(bigSession.id) as { n: number }
    ).n,
  );
  const memberIds = new Set(activeUsers.map((user) => user.id));
  const halfYearOfNow =
    new Date(now).getUTCMonth() < 6
      ? { year: currentYear - 1, half: 2 }
      : { year: currentYear, half: 1 };
  return {
    seed,
    now: iso(now),
    counts,
    users: {
      admin: roleIds.admin,
      coordinator: roleIds.coordinators[0]!,
      hr: roleIds.hr[0]!,
      member: activeUsers.find((user) => user.id > 1 + COORDINATORS + HR)!.id,
    },
    activeMemberIds: [...memberIds].filter((id) => id > 1 + COORDINATORS + HR),
    courseSlug: courseSlugs.get(flagship.id)!,
    freeCourseId: flagship.id,
    bigSessionId: bigSession.id,
    bigSessionConfirmed,
    learningGoalSlug: goalSlugs[0]!,
    halfYear: `${halfYearOfNow.year}-H${halfYearOfNow.half}`,
    memberSearch: "bakker",
    currentBudgetId,
    currentBudgetLedgerEntries,
  };
}

// ---- CLI ----

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("Gebruik: npx tsx test/bench/dataset.ts <bestand>");
    process.exit(2);
  }
  const started = performance.now();
  const fixture = await generateBenchDatabase(file);
  console.log(`Data set in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file}`);
  console.table(fixture.counts);
  const { counts: _counts, activeMemberIds, ...rest } = fixture;
  console.log({ ...rest, activeMemberIds: `${activeMemberIds.length} ids` });
}
