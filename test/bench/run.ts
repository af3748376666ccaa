// `npm run bench`: builds the app, generates (or reuses) the large data set, runs the domain
// micro-benchmarks, measures first-load JavaScript, load-tests the production server page by page
// against a bare node:http server and the trivial Remix route, runs the enrolment rush and writes
// the figures into docs/performance.md between the bench markers.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "#db/connection.ts";
import * as schema from "#db/schema.ts";
import { ensureBenchDatabase, type BenchFixture } from "./dataset.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const benchDir = path.join(root, "tmp/bench");
const datasetFile = path.join(benchDir, "bench.db");
const serverDbFile = path.join(benchDir, "server.db");
const microDbFile = path.join(benchDir, "micro.db");
const docFile = path.join(root, "docs/performance.md");

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const RUSH_REQUESTS = 1_000;
const RUSH_SEATS = 20;
const TARGETS = {
  shareOfTrivial: 0.5,
  p99Ms: 50,
  budgetFiguresMs: 1,
  rushMs: 2_000,
  firstLoadKb: 120,
};
const BEGIN = "<!-- bench:begin -->";
const END = "<!-- bench:end -->";

// The app's modules read the environment once, on first use: set it before importing any of them.
const serverPort = await freePort();
const appUrl = `http://localhost:${serverPort}`;
process.env.APP_URL = appUrl;
process.env.DATABASE_PATH = microDbFile;
process.env.SMTP_URL = "";

// ---- Small helpers ----

function log(message: string) {
  console.log(`[bench] ${message}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function copyDatabase(from: string, to: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.copyFileSync(from, to);
}

function median(sorted: number[]) {
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const yesNo = (ok: boolean) => (ok ? "yes" : "**no**");

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

// ---- Child processes: started here, always stopped here ----

const children = new Set<ChildProcess>();

function stopChild(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function stopAll() {
  await Promise.all([...children].map((child) => stopChild(child)));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

function startChild(args: string[], env: NodeJS.ProcessEnv, logName: string): ChildProcess {
  const out = fs.openSync(path.join(benchDir, logName), "w");
  // node itself, not npm or a shell, so the pid is the server's and SIGTERM reaches it.
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  children.add(child);
  return child;
}

async function waitForOk(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc. */
function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1]);
    const rssKb = kb("VmRSS");
    const hwmKb = kb("VmHWM");
    // A process that is exiting no longer lists its memory.
    if (!Number.isFinite(rssKb) || !Number.isFinite(hwmKb)) return null;
    return { rssMb: rssKb / 1024, hwmMb: hwmKb / 1024 };
  } catch {
    return null;
  }
}

// ---- Steps ----

function build(): number {
  if (process.env.BENCH_SKIP_BUILD === "1") {
    log("BENCH_SKIP_BUILD=1: using the existing build/");
    return 0;
  }
  log("npm run build (output in tmp/bench/build.log) …");
  const started = performance.now();
  const result = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  fs.writeFileSync(path.join(benchDir, "build.log"), `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) throw new Error("npm run build failed: see tmp/bench/build.log");
  return (performance.now() - started) / 1000;
}

type MicroResult = {
  name: string;
  calls: number;
  medianMs: number;
  p95Ms: number;
  targetMs?: number;
};

/**
 * Warms up (at least one call, up to 300 ms), then calls `work` until `minCalls` calls and `minMs`
 * have passed, but stops a slow path after `maxMs` (with at least three calls).
 */
function timeCalls(
  name: string,
  work: () => unknown,
  options: { minCalls?: number; minMs?: number; maxMs?: number; targetMs?: number } = {},
): MicroResult {
  const { minCalls = 30, minMs = 2_000, maxMs = 8_000 } = options;
  const warmUntil = performance.now() + 300;
  for (let i = 0; i < 1 || (performance.now() < warmUntil && i < 1_000); i++) work();
  const samples: number[] = [];
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    if (samples.length >= minCalls && elapsed >= minMs) break;
    if (samples.length >= 3 && elapsed >= maxMs) break;
    if (samples.length >= 20_000) break;
    const t0 = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    calls: samples.length,
    medianMs: median(samples),
    p95Ms: percentile(samples, 0.95),
    targetMs: options.targetMs,
  };
}

async function microBenchmarks(fixture: BenchFixture): Promise<MicroResult[]> {
  const { getDb, getSqlite, closeDb } = await import("#db/client.server.ts");
  const { getBudgetFigures } = await import("#app/models/budget.server.ts");
  // buildBudgetOverview is what the /budget loader calls; buildBudgetReport is the exports' one.
  const budgetReport = await import("#app/utils/budget-report.server.ts");
  const { loadReportInput } = await import("#app/models/evaluation-report.server.ts");
  const { buildEvaluationReport } = await import("#app/domain/evaluation-report.ts");
  const { evaluationPage } = await import("#app/utils/evaluation-report.server.ts");
  const { halfYearRange, parseHalfYear } = await import("#app/domain/half-year.ts");
  const { listCatalogue } = await import("#app/models/catalogue.server.ts");
  const { searchMembers } = await import("#app/models/members.server.ts");
  const db = getDb();
  const now = new Date(fixture.now);
  const parsed = parseHalfYear(fixture.halfYear);
  if (!parsed.ok) throw new Error(`Bad half-year ${fixture.halfYear}`);
  const halfYear = parsed.value;
  const input = loadReportInput(db, halfYearRange(halfYear).end);
  // The figures' worst case: the budget with the most ledger entries, not just the current one.
  const busiest = getSqlite()
    .prepare(
      "SELECT budget_id AS id, count(*) AS entries FROM ledger_entries GROUP BY budget_id ORDER BY entries DESC, budget_id LIMIT 1",
    )
    .get() as { id: number; entries: number };
  const results = [
    timeCalls(
      `budget figures (getBudgetFigures, budget ${busiest.id} with the most ledger entries: ${busiest.entries})`,
      () => getBudgetFigures(db, busiest.id),
      { targetMs: TARGETS.budgetFiguresMs },
    ),
    timeCalls("/budget page data (buildBudgetOverview)", () =>
      budgetReport.buildBudgetOverview(db, now),
    ),
    timeCalls("full budget report, as the exports build it (buildBudgetReport)", () =>
      budgetReport.buildBudgetReport(db, now),
    ),
    timeCalls(`half-year report ${fixture.halfYear}: rows (loadReportInput)`, () =>
      loadReportInput(db, halfYearRange(halfYear).end),
    ),
    timeCalls(`half-year report ${fixture.halfYear}: aggregation (buildEvaluationReport)`, () =>
      buildEvaluationReport(input, halfYear),
    ),
    timeCalls(
      `half-year report ${fixture.halfYear}: whole page, repeated (evaluationPage, cached per generation)`,
      () => evaluationPage(db, fixture.halfYear, now),
    ),
    timeCalls("catalogue query, kind + role filter (listCatalogue)", () =>
      listCatalogue(db, { kind: "in_house", ogwRole: "employee" }, now, {
        includeUnpublished: false,
      }),
    ),
    timeCalls("catalogue query, no filter (listCatalogue)", () =>
      listCatalogue(db, {}, now, { includeUnpublished: false }),
    ),
    timeCalls(`member search "${fixture.memberSearch}" (searchMembers)`, () =>
      searchMembers(
        db,
        { words: [fixture.memberSearch], includeFormer: false, today: fixture.now.slice(0, 10) },
        { page: 1, pageSize: 25 },
      ),
    ),
  ];
  closeDb();
  return results;
}

type FirstLoad = { page: string; routeId: string; files: number; kbGzip: number };

async function firstLoadJs(pages: { page: string; routeId: string }[]): Promise<{
  pages: FirstLoad[];
  maxRoute: FirstLoad;
  manifestKbGzip: number;
}> {
  const assets = path.join(root, "build/client/assets");
  const manifestName = fs.readdirSync(assets).find((name) => /^manifest-.*\.js$/.test(name));
  if (!manifestName) throw new Error("No build/client/assets/manifest-*.js: build first");
  const context: { window: { __remixManifest?: RemixManifest } } = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(assets, manifestName), "utf8"), context);
  const manifest = context.window.__remixManifest;
  if (!manifest) throw new Error(`${manifestName} holds no window.__remixManifest`);
  const gzipKb = new Map<string, number>();
  const sizeOf = (url: string) => {
    if (!gzipKb.has(url)) {
      const file = path.join(root, "build/client", url);
      gzipKb.set(url, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024);
    }
    return gzipKb.get(url)!;
  };
  const measure = (page: string, routeId: string): FirstLoad => {
    const urls = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
    for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
      const route = manifest.routes[id];
      if (!route) throw new Error(`Route ${id} is not in the manifest`);
      urls.add(route.module);
      for (const url of route.imports ?? []) urls.add(url);
    }
    let kb = 0;
    for (const url of urls) kb += sizeOf(url);
    return { page, routeId, files: urls.size, kbGzip: kb };
  };
  const all = Object.keys(manifest.routes).map((id) => measure(id, id));
  const maxRoute = all.reduce((a, b) => (b.kbGzip > a.kbGzip ? b : a));
  return {
    pages: pages.map(({ page, routeId }) => measure(page, routeId)),
    maxRoute,
    manifestKbGzip: sizeOf(`/assets/${manifestName}`),
  };
}

type RemixManifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[]; parentId?: string }>;
};

type Cookies = { member: string; coordinator: string; hr: string };
type RushSetup = { sessionId: number; cookies: string[] };

/** Sign-ins for the roles and the rush members, and the rush session, written before start. */
async function prepareServerDatabase(fixture: BenchFixture): Promise<{
  cookies: Cookies;
  rush: RushSetup;
}> {
  const { createLoginSession, sessionCookieName } = await import("#app/utils/session.server.ts");
  const sqlite = openSqlite(serverDbFile);
  try {
    const db = drizzle(sqlite, { schema });
    const name = sessionCookieName();
    const now = new Date();
    const cookieFor = (userId: number) => `${name}=${createLoginSession(db, userId, now).token}`;
    return sqlite.transaction(() => {
      const cookies = {
        member: cookieFor(fixture.users.member),
        coordinator: cookieFor(fixture.users.coordinator),
        hr: cookieFor(fixture.users.hr),
      };
      // The reminder job would render mail for sessions of the coming days while we measure.
      sqlite
        .prepare(
          `UPDATE enrolments SET reminder_sent_at = ? WHERE reminder_sent_at IS NULL
             AND status = 'confirmed'
             AND session_id IN (SELECT id FROM course_sessions WHERE starts_at < ?)`,
        )
        .run(now.toISOString(), new Date(now.getTime() + 7 * 86_400_000).toISOString());
      const startsAt = new Date(now.getTime() + 30 * 86_400_000);
      startsAt.setUTCHours(9, 0, 0, 0);
      const sessionId = Number(
        sqlite
          .prepare(
            `INSERT INTO course_sessions (course_id, starts_at, ends_at, location, capacity,
               enrolment_deadline, status, created_at, updated_at)
             VALUES (?, ?, ?, 'Raadhuis Huizen, zaal 1', ?, ?, 'planned', ?, ?)`,
          )
          .run(
            fixture.freeCourseId,
            startsAt.toISOString(),
            new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
            RUSH_SEATS,
            new Date(startsAt.getTime() - 86_400_000).toISOString(),
            now.toISOString(),
            now.toISOString(),
          ).lastInsertRowid,
      );
      const members = fixture.activeMemberIds.slice(0, RUSH_REQUESTS);
      if (members.length < RUSH_REQUESTS) throw new Error("Too few active members for the rush");
      return { cookies, rush: { sessionId, cookies: members.map(cookieFor) } };
    })();
  } finally {
    sqlite.close();
  }
}

const BARE_SERVER = `
import http from "node:http";
const row = "<p>Gildeportaal OGW: een vaste regel tekst om de pagina vijf kilobyte groot te maken.</p>\\n";
let body = "<!DOCTYPE html><html lang=\\"nl\\"><head><meta charset=\\"utf-8\\"><title>Kaal</title></head><body>\\n";
while (Buffer.byteLength(body) < 5 * 1024 - 20) body += row;
body = (body + "</body></html>").padEnd(5 * 1024, " ");
const buffer = Buffer.from(body);
http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": buffer.length });
  res.end(buffer);
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

type PageTarget = {
  key: string;
  label: string;
  path: string;
  cookie?: string;
  role: string;
  routeId: string;
};
type PageResult = PageTarget & {
  status: number;
  bytes: number;
  /** One request on an idle server. */
  singleMs: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
};

async function loadTest(target: PageTarget, origin: string): Promise<PageResult> {
  const url = `${origin}${target.path}`;
  const headers: Record<string, string> = target.cookie ? { cookie: target.cookie } : {};
  // Two single requests first: the status and size, and the latency without load (the faster one).
  let probe: Response | undefined;
  let body = new ArrayBuffer(0);
  let singleMs = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    probe = await fetch(url, { headers, redirect: "manual" });
    body = await probe.arrayBuffer();
    singleMs = Math.min(singleMs, performance.now() - t0);
  }
  if (!probe) throw new Error("no probe");
  if (probe.status !== 200)
    log(`WARNING ${target.path}: status ${probe.status} before the load test`);
  if (WARMUP_S > 0)
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers });
  const result: Result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
  });
  const measured: PageResult = {
    ...target,
    status: probe.status,
    bytes: body.byteLength,
    singleMs,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  log(
    `${target.label.padEnd(34)} single ${fmt(singleMs, 0)} ms, ${fmt(measured.rps, 0).padStart(6)} req/s  p50 ${fmt(measured.p50, 0)} ms  p99 ${fmt(measured.p99, 0)} ms  non-2xx ${measured.non2xx}  errors ${measured.errors}`,
  );
  return measured;
}

type RushResult = {
  sent: number;
  answered: number;
  statuses: Record<string, number>;
  serverErrors: number;
  msToLastAnswer: number;
  confirmed: number;
  waitlisted: number;
  other: number;
  duplicates: number;
};

async function rush(setup: RushSetup): Promise<RushResult> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: RUSH_REQUESTS + 10 });
  const body = "intent=enrol";
  const statuses: Record<string, number> = {};
  let answered = 0;
  const send = (cookie: string) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        `${appUrl}/sessies/${setup.sessionId}`,
        {
          method: "POST",
          agent,
          headers: {
            cookie,
            origin: appUrl,
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            answered++;
            const key = String(response.statusCode);
            statuses[key] = (statuses[key] ?? 0) + 1;
            resolve();
          });
        },
      );
      request.setTimeout(60_000, () => request.destroy(new Error("timeout")));
      request.on("error", (error) => {
        statuses[`error: ${error.message}`] = (statuses[`error: ${error.message}`] ?? 0) + 1;
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  await Promise.all(setup.cookies.map(send));
  const msToLastAnswer = performance.now() - started;
  agent.destroy();

  const sqlite = openSqlite(serverDbFile);
  try {
    const byStatus = sqlite
      .prepare("SELECT status, count(*) AS n FROM enrolments WHERE session_id = ? GROUP BY status")
      .all(setup.sessionId) as { status: string; n: number }[];
    const duplicates = (
      sqlite
        .prepare(
          `SELECT count(*) AS n FROM (SELECT member_id FROM enrolments WHERE session_id = ?
             GROUP BY member_id HAVING count(*) > 1)`,
        )
        .get(setup.sessionId) as { n: number }
    ).n;
    const countOf = (status: string) => byStatus.find((row) => row.status === status)?.n ?? 0;
    const total = byStatus.reduce((sum, row) => sum + row.n, 0);
    return {
      sent: setup.cookies.length,
      answered,
      statuses,
      serverErrors: Object.entries(statuses)
        .filter(([status]) => !/^[1-4]\d\d$/.test(status))
        .reduce((sum, [, n]) => sum + n, 0),
      msToLastAnswer,
      confirmed: countOf("confirmed"),
      waitlisted: countOf("waitlisted"),
      other: total - countOf("confirmed") - countOf("waitlisted"),
      duplicates,
    };
  } finally {
    sqlite.close();
  }
}

// ---- The report ----

type Report = {
  date: string;
  node: string;
  cores: number;
  cpu: string;
  loadAverage: number[];
  durationS: number;
  buildS: number;
  dataset: { fixture: BenchFixture; reused: boolean; seconds: number };
  micro: MicroResult[];
  firstLoad: Awaited<ReturnType<typeof firstLoadJs>>;
  pages: PageResult[];
  rush: RushResult | null;
  memory: { startMb: number; peakRssMb: number; hwmMb: number; restarts: number } | null;
  failures: string[];
};

function renderReport(report: Report): string {
  const bare = report.pages.find((page) => page.key === "bare");
  const trivial = report.pages.find((page) => page.key === "trivial");
  const { fixture } = report.dataset;
  const lines: string[] = [];
  lines.push(
    `Measured ${report.date} on ${report.cores} cores (${report.cpu}), Node ${report.node}; ` +
      `${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${report.durationS} s per page. ` +
      `Load average before the run: ${report.loadAverage.map((n) => n.toFixed(2)).join(" / ")} (1 / 5 / 15 min); ` +
      `figures are indicative when other work shares the machine.`,
    "",
    `**Data set** (seed ${fixture.seed}, clock ${fixture.now}, ${report.dataset.reused ? "reused from cache" : `generated in ${fmt(report.dataset.seconds)} s`}): ` +
      Object.entries(fixture.counts)
        .map(([name, n]) => `${n.toLocaleString("en-US")} ${name}`)
        .join(", ") +
      `; the current budget holds ${fixture.currentBudgetLedgerEntries.toLocaleString("en-US")} ledger entries.`,
    "",
    "### Pages",
    "",
    table(
      [
        "Page",
        "Signed in as",
        "1 request ms",
        "req/s",
        "p50 ms",
        "p99 ms",
        "× bare",
        "× trivial",
        "non-2xx / errors",
        "KB (HTML)",
        "Target met",
      ],
      report.pages.map((page) => {
        const isPage = page.key !== "bare" && page.key !== "trivial";
        const share = trivial ? page.rps / trivial.rps : NaN;
        const met =
          share >= TARGETS.shareOfTrivial &&
          page.p99 < TARGETS.p99Ms &&
          page.non2xx === 0 &&
          page.errors === 0;
        return [
          `${page.label} \`${page.path}\``,
          page.role,
          fmt(page.singleMs, 0),
          fmt(page.rps, 0),
          fmt(page.p50, 0),
          fmt(page.p99, 0),
          bare ? fmt(page.rps / bare.rps, 2) : "n/a",
          fmt(share, 2),
          `${page.non2xx} / ${page.errors}${page.status !== 200 ? ` (probe ${page.status})` : ""}`,
          fmt(page.bytes / 1024),
          isPage ? yesNo(met) : "",
        ];
      }),
    ),
    "",
    `Target: every page at least ${TARGETS.shareOfTrivial * 100} % of the trivial route's requests/s and p99 under ${TARGETS.p99Ms} ms, all answers 200.`,
    "",
    "### Enrolment rush",
    "",
  );
  if (report.rush) {
    const r = report.rush;
    const met =
      r.answered === r.sent &&
      r.serverErrors === 0 &&
      r.confirmed === RUSH_SEATS &&
      r.duplicates === 0 &&
      r.msToLastAnswer <= TARGETS.rushMs;
    lines.push(
      table(
        [
          "Sent",
          "Answered",
          "Statuses",
          "Confirmed",
          "Waitlisted",
          "Other",
          "Members twice",
          "Time to last answer",
          "Target met",
        ],
        [
          [
            String(r.sent),
            String(r.answered),
            Object.entries(r.statuses)
              .map(([status, n]) => `${status}: ${n}`)
              .join(", "),
            `${r.confirmed} (of ${RUSH_SEATS} seats)`,
            String(r.waitlisted),
            String(r.other),
            String(r.duplicates),
            `${fmt(r.msToLastAnswer, 0)} ms`,
            yesNo(met),
          ],
        ],
      ),
      "",
      `Target: all ${RUSH_REQUESTS} answered without a 5xx, exactly ${RUSH_SEATS} confirmed, nobody twice, the last answer within ${TARGETS.rushMs / 1000} s.`,
    );
  } else lines.push("Not run (see failures).");
  lines.push(
    "",
    "### Micro-benchmarks (in process, on a copy of the data set)",
    "",
    table(
      ["Hot path", "Calls", "Median ms", "p95 ms", "Target"],
      report.micro.map((m) => [
        m.name,
        String(m.calls),
        fmt(m.medianMs, 3),
        fmt(m.p95Ms, 3),
        m.targetMs !== undefined ? `< ${m.targetMs} ms: ${yesNo(m.medianMs < m.targetMs)}` : "",
      ]),
    ),
    "",
    "### First-load JavaScript (gzip -9, entry + root + route chain with their imports)",
    "",
    table(
      ["Page", "Route", "Files", "KB gzip", `< ${TARGETS.firstLoadKb} KB`],
      [
        ...report.firstLoad.pages.map((p) => [
          p.page,
          `\`${p.routeId}\``,
          String(p.files),
          fmt(p.kbGzip),
          yesNo(p.kbGzip < TARGETS.firstLoadKb),
        ]),
        [
          "Largest of all routes",
          `\`${report.firstLoad.maxRoute.routeId}\``,
          String(report.firstLoad.maxRoute.files),
          fmt(report.firstLoad.maxRoute.kbGzip),
          yesNo(report.firstLoad.maxRoute.kbGzip < TARGETS.firstLoadKb),
        ],
      ],
    ),
    "",
    `The route manifest (\`manifest-*.js\`, loaded on every page as well) adds ${fmt(report.firstLoad.manifestKbGzip)} KB gzip.`,
    "",
    "### Memory",
    "",
    report.memory
      ? `Production server: ${fmt(report.memory.startMb, 0)} MB RSS after start, peak RSS ${fmt(Math.max(report.memory.peakRssMb, report.memory.hwmMb), 0)} MB during the run (VmHWM ${fmt(report.memory.hwmMb, 0)} MB, highest sampled VmRSS ${fmt(report.memory.peakRssMb, 0)} MB)` +
          (report.memory.restarts > 0
            ? `; the server was replaced ${report.memory.restarts} time(s) because it was still working off requests that had timed out, so this is the peak of the processes, not of one process over the whole run.`
            : ", one process over the whole run.")
      : "Not measured.",
  );
  if (report.failures.length > 0) {
    lines.push("", "### Failures", "", ...report.failures.map((failure) => `- ${failure}`));
  }
  return lines.join("\n");
}

const DOC_INTRO = `# Performance

What the portal costs under load on a large data set, measured by \`npm run bench\`
(\`test/bench/run.ts\`). One run builds the production app, generates a deterministic data set
(\`test/bench/dataset.ts\`: ten years, thousands of members, sessions and enrolments, 200 000+
ledger entries; cached in \`tmp/bench/bench.db\` while seed, generator and migrations are unchanged),
times the domain hot paths in process, measures the first-load JavaScript from the build output,
load-tests the production server (\`node app/server.mjs\`) page by page with autocannon against a
bare \`node:http\` server (the machine's limit) and the trivial Remix route \`/ijkpagina\` (the
framework's floor), fires the enrolment rush, and records the server's peak memory.

## How to run

\`\`\`sh
npm run bench                      # about 5 minutes on 2 cores
BENCH_DURATION=30 npm run bench    # longer measurements per page (seconds)
BENCH_SKIP_BUILD=1 npm run bench   # reuse build/ as it is
\`\`\`

Benchmarks are not part of \`npm test\` or CI: their figures depend on the machine. The last run's
raw figures are also in \`tmp/bench/last-run.json\`; the server's log is in \`tmp/bench/server.log\`.

## Results of the last run

The section between the markers is replaced by every run; everything else is kept.

`;

const DOC_OUTRO = `

## Analysis

_To be written: which targets are met, and for each one that is not, the measured reason._
`;

async function writeDoc(generated: string) {
  const section = `${BEGIN}\n${generated}\n${END}`;
  const existing = fs.existsSync(docFile) ? fs.readFileSync(docFile, "utf8") : null;
  let text: string;
  if (existing === null) text = `${DOC_INTRO}${section}${DOC_OUTRO}`;
  else {
    const begin = existing.indexOf(BEGIN);
    const end = existing.indexOf(END);
    text =
      begin >= 0 && end > begin
        ? `${existing.slice(0, begin)}${section}${existing.slice(end + END.length)}`
        : `${existing.trimEnd()}\n\n${section}\n`;
  }
  // Formatted as `npm run lint` checks it (prettier --check .), so a run leaves the lint green.
  const prettier = await import("prettier");
  const config = (await prettier.resolveConfig(docFile)) ?? {};
  fs.writeFileSync(docFile, await prettier.format(text, { ...config, filepath: docFile }));
}

// ---- Main ----

async function main() {
  fs.mkdirSync(benchDir, { recursive: true });
  // Before our own work starts: how busy the machine already is.
  const loadAverage = os.loadavg();
  const failures: string[] = [];
  const buildS = build();

  log("data set …");
  const dataset = await ensureBenchDatabase(datasetFile);
  const { fixture } = dataset;
  log(
    dataset.reused
      ? "data set reused (fingerprint unchanged)"
      : `data set generated in ${fmt(dataset.seconds)} s`,
  );
  copyDatabase(datasetFile, microDbFile);
  copyDatabase(datasetFile, serverDbFile);

  log("micro-benchmarks …");
  const micro = await microBenchmarks(fixture);
  for (const m of micro)
    log(`${m.name}: median ${fmt(m.medianMs, 3)} ms, p95 ${fmt(m.p95Ms, 3)} ms (${m.calls} calls)`);

  const catalogueQuery = "?soort=in_house&rol=employee";
  const pageTargets = (cookies: Cookies): PageTarget[] => [
    {
      key: "trivial",
      label: "Trivial Remix route",
      path: "/ijkpagina",
      role: "nobody",
      routeId: "routes/ijkpagina",
    },
    {
      key: "catalogue",
      label: "Catalogue with filters",
      path: `/catalogus${catalogueQuery}`,
      cookie: cookies.member,
      role: "member",
      routeId: "routes/catalogus._index",
    },
    {
      key: "course",
      label: "Course page",
      path: `/catalogus/${fixture.courseSlug}`,
      cookie: cookies.member,
      role: "member",
      routeId: "routes/catalogus.$slug",
    },
    {
      key: "session",
      label: `Session, ${fixture.bigSessionConfirmed} participants`,
      path: `/sessies/${fixture.bigSessionId}`,
      cookie: cookies.coordinator,
      role: "coordinator",
      routeId: "routes/sessies.$id",
    },
    {
      key: "budget",
      label: "Budget",
      path: "/budget",
      cookie: cookies.hr,
      role: "hr",
      routeId: "routes/budget",
    },
    {
      key: "expenses",
      label: "Expenses",
      path: "/uitgaven",
      cookie: cookies.coordinator,
      role: "coordinator",
      routeId: "routes/uitgaven._index",
    },
    {
      key: "members",
      label: "Members with a search",
      path: `/leden?q=${encodeURIComponent(fixture.memberSearch)}`,
      cookie: cookies.member,
      role: "member",
      routeId: "routes/leden._index",
    },
    {
      key: "report",
      label: "Half-year report",
      path: `/rapportages?halfjaar=${fixture.halfYear}`,
      cookie: cookies.coordinator,
      role: "coordinator",
      routeId: "routes/rapportages._index",
    },
  ];

  log("first-load JavaScript …");
  const firstLoad = await firstLoadJs(
    pageTargets({ member: "", coordinator: "", hr: "" }).map((t) => ({
      page: t.path,
      routeId: t.routeId,
    })),
  );

  log("preparing the server database (sign-ins, rush session) …");
  const { cookies, rush: rushSetup } = await prepareServerDatabase(fixture);

  const pages: PageResult[] = [];
  let rushResult: RushResult | null = null;
  let memory: Report["memory"] = null;
  const barePort = await freePort();
  const bare = startChild(
    ["--input-type=module", "-e", BARE_SERVER],
    { ...process.env, PORT: String(barePort) },
    "bare.log",
  );
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(serverPort),
    APP_URL: appUrl,
    DATABASE_PATH: serverDbFile,
    SMTP_URL: "",
    APP_MODE: "demo",
  };
  // Memory over every server process of the run (a busy server is replaced, see idleServer).
  const mem = { startMb: NaN, peakRssMb: 0, hwmMb: 0, restarts: 0 };
  let server: ChildProcess | undefined;
  const sample = () => {
    const now = server?.pid ? memoryOf(server.pid) : null;
    if (now) {
      mem.peakRssMb = Math.max(mem.peakRssMb, now.rssMb);
      mem.hwmMb = Math.max(mem.hwmMb, now.hwmMb);
    }
  };
  const startServer = async () => {
    server = startChild(["app/server.mjs"], serverEnv, `server-${mem.restarts}.log`);
    await waitForOk(`${appUrl}/ijkpagina`, server);
    if (Number.isNaN(mem.startMb)) mem.startMb = memoryOf(server.pid!)?.rssMb ?? NaN;
  };
  const stopServer = async () => {
    if (!server) return;
    sample();
    // A server still working off a backlog would finish it first; it is replaced, not waited for.
    await stopChild(server, 3_000);
    server = undefined;
  };
  /**
   * The server keeps working on requests whose client gave up (autocannon's 10 s timeout); such a
   * backlog would be measured as the next page's cost. A server that is not idle is replaced.
   */
  const idleServer = async (): Promise<boolean> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const t0 = performance.now();
      const ok = await fetch(`${appUrl}/ijkpagina`, { signal: AbortSignal.timeout(2_000) })
        .then((response) => response.ok)
        .catch(() => false);
      if (ok && performance.now() - t0 < 200) return true;
      await sleep(300);
    }
    log("the server is still busy with earlier requests: restarting it");
    await stopServer();
    mem.restarts++;
    await startServer();
    return false;
  };
  let sampler: NodeJS.Timeout | undefined;
  try {
    await waitForOk(`http://127.0.0.1:${barePort}/`, bare);
    await startServer();
    sampler = setInterval(sample, 100);

    log(`load tests: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s each …`);
    pages.push(
      await loadTest(
        { key: "bare", label: "Bare node:http, 5 KB", path: "/", role: "nobody", routeId: "" },
        `http://127.0.0.1:${barePort}`,
      ),
    );
    await stopChild(bare);
    for (const target of pageTargets(cookies)) {
      try {
        pages.push(await loadTest(target, appUrl));
      } catch (error) {
        failures.push(`${target.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await idleServer();
    }

    log(`enrolment rush: ${RUSH_REQUESTS} requests for ${RUSH_SEATS} seats …`);
    try {
      rushResult = await rush(rushSetup);
      log(
        `rush: ${rushResult.answered}/${rushResult.sent} answered in ${fmt(rushResult.msToLastAnswer, 0)} ms, ${rushResult.confirmed} confirmed, ${rushResult.waitlisted} waitlisted, statuses ${JSON.stringify(rushResult.statuses)}`,
      );
    } catch (error) {
      failures.push(`rush: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(300);
    sample();
    memory = { ...mem };
  } finally {
    if (sampler) clearInterval(sampler);
    await stopServer();
    await stopAll();
  }

  for (const page of pages) {
    if (page.status !== 200)
      failures.push(`${page.path} answered ${page.status} before the load test`);
    if (page.non2xx > 0 || page.errors > 0)
      failures.push(
        `${page.path}: ${page.non2xx} non-2xx answers and ${page.errors} errors under load`,
      );
  }
  const report: Report = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    loadAverage,
    durationS: DURATION_S,
    buildS,
    dataset,
    micro,
    firstLoad,
    pages,
    rush: rushResult,
    memory,
    failures,
  };
  const generated = renderReport(report);
  fs.writeFileSync(
    path.join(benchDir, "last-run.json"),
    JSON.stringify(
      {
        ...report,
        dataset: {
          ...dataset,
          fixture: { ...fixture, activeMemberIds: fixture.activeMemberIds.length },
        },
      },
      null,
      2,
    ),
  );
  await writeDoc(generated);
  console.log(`\n${generated}\n`);
  log(`written to ${path.relative(root, docFile)}`);
}

try {
  await main();
} catch (error) {
  console.error("[bench] failed:", error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
