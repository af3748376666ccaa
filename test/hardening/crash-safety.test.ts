// Crash safety: a worker process runs approvals, payments, enrolments and cancellations through the
// app's services and reports every commit; it is killed with SIGKILL at a random moment, 20 times,
// on the same database file. After every kill the file must be intact and hold every reported
// commit, and the ledger must agree with the expenses and the seats with the capacities.
import { spawn } from "node:child_process";
import readline from "node:readline";
import { describe, expect, it } from "vitest";
import { closeDb, getSqlite } from "#db/client.server.ts";
import { verifyDatabase } from "#db/verify.ts";
import { createUser } from "#test/factories.ts";
import { createBudget } from "#test/enrolment-fixtures.ts";
import { projectRoot } from "#test/setup/paths.ts";
import type { CrashCommit, CrashIntent } from "./crash-worker.ts";

const RUNS = 20;
// The kill comes a random 0.3–3 s after the worker's first commit, and never before it has
// reported this many commits in the run, so that 20 runs report well over 1 000 operations
// however busy the machine is.
const MIN_COMMITS_PER_RUN = 55;
const MIN_DELAY_MS = 300;
const MAX_DELAY_MS = 3000;

/** mulberry32, seeded: the same kill moments and operation mixes on every run of the test. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type RunOutput = {
  lines: ({ kind: "INTENT"; intent: CrashIntent } | { kind: "COMMIT"; commit: CrashCommit })[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
};

/** Starts the worker and SIGKILLs it `delayMs` after its first commit (and after enough commits). */
function runAndKill(seed: number, delayMs: number, jitterMs: number): Promise<RunOutput> {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a child that SIGKILL would miss.
  const child = spawn(process.execPath, ["--import", "tsx", "test/hardening/crash-worker.ts"], {
    cwd: projectRoot,
    env: { ...process.env, CRASH_SEED: String(seed) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: RunOutput = { lines: [], signal: null, code: null, stderr: "" };
  child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  let commits = 0;
  let deadline: number | null = null;
  let killing = false;
  const killSoon = () => {
    if (killing) return;
    killing = true;
    setTimeout(() => child.kill("SIGKILL"), jitterMs);
  };
  const lines = readline.createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    // readline hands over an unfinished last line at the end; a report always ends with "}".
    const space = line.indexOf(" ");
    const kind = line.slice(0, space);
    const json = line.slice(space + 1);
    if ((kind !== "INTENT" && kind !== "COMMIT") || !json.endsWith("}")) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return;
    }
    if (kind === "INTENT") output.lines.push({ kind, intent: parsed as CrashIntent });
    else {
      output.lines.push({ kind, commit: parsed as CrashCommit });
      commits += 1;
      deadline ??= Date.now() + delayMs;
      if (commits >= MIN_COMMITS_PER_RUN && Date.now() >= deadline) killSoon();
    }
  });
  const timer = setInterval(() => {
    if (deadline !== null && commits >= MIN_COMMITS_PER_RUN && Date.now() >= deadline) killSoon();
  }, 20);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    // "close": the process has ended and its stdout is read to the end.
    child.on("close", (code, signal) => {
      clearInterval(timer);
      output.code = code;
      output.signal = signal;
      resolve(output);
    });
  });
}

type Expectation<T> = { value: T; line: string | null };

describe("crash safety under SIGKILL", () => {
  it("keeps every reported commit and a consistent ledger over 20 kills", async () => {
    await createUser({ appRole: "coordinator", name: "Coördinator Aanvrager" });
    const approver = await createUser({ appRole: "coordinator", name: "Coördinator Beoordelaar" });
    for (let i = 0; i < 12; i++) await createUser({ name: `Deelnemer ${i + 1}` });
    // € 100 miljoen: the worker never runs out, so no operation is refused for money.
    createBudget(10_000_000_000, approver);
    // The worker is the only one with the file open while it runs.
    closeDb();

    const random = prng(20_261_128);
    const expenseState = new Map<number, Expectation<string>>();
    const enrolmentState = new Map<number, Expectation<[string, number | null]>>();
    const ledgerFacts = new Map<number, { value: string; line: string }>();
    const mailFacts = new Map<number, { value: string; line: string }>();
    const lostLines = new Set<string>();
    let reported = 0;
    let killedInFlight = 0;
    let committedUnreported = 0;
    const maxReported = { expenses: 0, enrolments: 0, ledger_entries: 0, mail_outbox: 0 };

    for (let run = 1; run <= RUNS; run++) {
      const delayMs = MIN_DELAY_MS + random() * (MAX_DELAY_MS - MIN_DELAY_MS);
      // Up to a few operations' worth of jitter: the kill falls in any phase of an operation.
      const output = await runAndKill(run * 7919, delayMs, random() * 300);
      // Killed by us, not ended by an error of its own.
      expect(output.stderr).toBe("");
      expect(output.signal).toBe("SIGKILL");

      const commits = output.lines.flatMap((entry) =>
        entry.kind === "COMMIT" ? [entry.commit] : [],
      );
      expect(commits.length).toBeGreaterThanOrEqual(MIN_COMMITS_PER_RUN);
      reported += commits.length;
      // An enrolment always queues its mail with it; the mail is part of what must survive.
      for (const commit of commits)
        if (commit.op === "enrol" || commit.op === "enrol-paid")
          expect(commit.mails.length).toBeGreaterThan(0);

      for (const commit of commits) {
        const line = `${run}:${commit.seq}`;
        for (const [id, status] of commit.expenses) expenseState.set(id, { value: status, line });
        for (const [id, status, expenseId] of commit.enrolments)
          enrolmentState.set(id, { value: [status, expenseId], line });
        for (const [id, expenseId, type, amount] of commit.ledger)
          ledgerFacts.set(id, { value: `${expenseId}:${type}:${amount}`, line });
        for (const [id, toUserId, template] of commit.mails)
          mailFacts.set(id, { value: `${toUserId}:${template}`, line });
        maxReported.expenses = Math.max(maxReported.expenses, ...commit.expenses.map((e) => e[0]));
        maxReported.enrolments = Math.max(
          maxReported.enrolments,
          ...commit.enrolments.map((e) => e[0]),
        );
        maxReported.ledger_entries = Math.max(
          maxReported.ledger_entries,
          ...commit.ledger.map((e) => e[0]),
        );
        maxReported.mail_outbox = Math.max(
          maxReported.mail_outbox,
          ...commit.mails.map((e) => e[0]),
        );
      }

      // Opening the file again recovers it from the WAL the killed process left behind.
      const sqlite = getSqlite();
      const report = verifyDatabase(sqlite);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);

      // The operation that was running when the kill came may or may not have committed; what it
      // may change is exempt from "exactly as reported" this once, and taken over as it is now.
      const last = output.lines.at(-1);
      const inFlight = last?.kind === "INTENT" ? last.intent.scope : {};
      if (last?.kind === "INTENT") killedInFlight += 1;
      const exemptExpenses = new Set<number>();
      const exemptEnrolments = new Set<number>();
      if ("expenseId" in inFlight) exemptExpenses.add(inFlight.expenseId);
      if ("sessionId" in inFlight) {
        for (const row of sqlite
          .prepare("SELECT id, expense_id FROM enrolments WHERE session_id = ?")
          .all(inFlight.sessionId) as { id: number; expense_id: number | null }[]) {
          exemptEnrolments.add(row.id);
          if (row.expense_id !== null) exemptExpenses.add(row.expense_id);
        }
      }

      const expenseRow = sqlite.prepare("SELECT status FROM expenses WHERE id = ?");
      for (const [id, expected] of expenseState) {
        const row = expenseRow.get(id) as { status: string } | undefined;
        if (exemptExpenses.has(id) && row) {
          expenseState.set(id, { value: row.status, line: null });
          continue;
        }
        if (!row || row.status !== expected.value) lostLines.add(expected.line ?? `adopted:${id}`);
      }
      const enrolmentRow = sqlite.prepare("SELECT status, expense_id FROM enrolments WHERE id = ?");
      for (const [id, expected] of enrolmentState) {
        const row = enrolmentRow.get(id) as
          { status: string; expense_id: number | null } | undefined;
        if (exemptEnrolments.has(id) && row) {
          enrolmentState.set(id, { value: [row.status, row.expense_id], line: null });
          continue;
        }
        if (!row || row.status !== expected.value[0] || row.expense_id !== expected.value[1])
          lostLines.add(expected.line ?? `adopted:${id}`);
      }
      const ledgerRow = sqlite.prepare(
        "SELECT expense_id, type, amount_cents FROM ledger_entries WHERE id = ?",
      );
      for (const [id, expected] of ledgerFacts) {
        const row = ledgerRow.get(id) as
          { expense_id: number; type: string; amount_cents: number } | undefined;
        if (!row || `${row.expense_id}:${row.type}:${row.amount_cents}` !== expected.value)
          lostLines.add(expected.line);
      }
      const mailRow = sqlite.prepare("SELECT to_user_id, template FROM mail_outbox WHERE id = ?");
      for (const [id, expected] of mailFacts) {
        const row = mailRow.get(id) as { to_user_id: number | null; template: string } | undefined;
        if (!row || `${row.to_user_id}:${row.template}` !== expected.value)
          lostLines.add(expected.line);
      }

      // Rows beyond anything reported: the kill fell between a COMMIT and its report.
      const beyond = (Object.keys(maxReported) as (keyof typeof maxReported)[]).some(
        (table) =>
          (
            sqlite
              .prepare(`SELECT count(*) AS n FROM ${table} WHERE id > ?`)
              .get(maxReported[table]) as { n: number }
          ).n > 0,
      );
      if (beyond) committedUnreported += 1;
      closeDb();
    }

    console.log(
      `Crash safety: ${RUNS} runs, ${reported} operations reported, ${lostLines.size} commits lost ` +
        `(${killedInFlight} kills during an operation, ${committedUnreported} after a commit ` +
        `before its report)`,
    );
    expect([...lostLines]).toEqual([]);
    expect(reported).toBeGreaterThanOrEqual(1000);
  });
});
