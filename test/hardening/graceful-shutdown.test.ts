// Graceful shutdown: SIGTERM while enrolments are in flight and a mail is being sent. Every answered
// request is fully applied, nothing unanswered is applied, later connections are refused, the mail
// being sent is delivered and marked sent, the process exits 0 and the database is whole.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "#db/client.server.ts";
import { openSqlite } from "#db/connection.ts";
import * as schema from "#db/schema.ts";
import { enrolments, mailOutbox } from "#db/schema.ts";
import { queueMail } from "#app/mail/outbox.server.ts";
import { renderInvitationMail } from "#app/mail/templates.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { createUser, sessionCookieFor } from "#test/factories.ts";
import { createSession } from "#test/enrolment-fixtures.ts";
import { projectRoot } from "#test/setup/paths.ts";

const SMTP_DELAY_MS = 3000;
const EARLY_REQUESTS = 16;
const LATE_REQUESTS = 4;
const QUEUED_BEFORE = 4;
const WAIT_LIMIT_MS = 60_000;

const dir = path.join(projectRoot, "tmp", "hardening", `shutdown-${process.pid}-${Date.now()}`);
const databasePath = path.join(dir, "shutdown.db");

type Received = { to: string[]; session: string };

/** An SMTP server that takes its time over each message, so that one is mid-send at SIGTERM. */
async function startSlowSmtpServer() {
  const received: Received[] = [];
  const inProgress = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    // A message is in progress from MAIL FROM until the server's answer to its data.
    onMailFrom(_address, session, callback) {
      inProgress.add(session.id);
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const key = session.id;
      stream.on("data", () => {});
      stream.on("end", () => {
        setTimeout(() => {
          received.push({ to, session: key });
          inProgress.delete(key);
          callback();
        }, SMTP_DELAY_MS);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    inProgress,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.on("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(what: string, check: () => boolean) {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Outcome =
  | { kind: "response"; status: number; bytes: number; at: number }
  | { kind: "error"; code: string; at: number };

/** One request on its own connection (no keep-alive), so a refused connection shows as such. */
function send(
  baseUrl: string,
  pathName: string,
  options: { cookie: string; form?: Record<string, string> },
): Promise<Outcome> {
  return new Promise((resolve) => {
    const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    const request = http.request(
      `${baseUrl}${pathName}`,
      {
        method: body ? "POST" : "GET",
        agent: false,
        headers: {
          Cookie: options.cookie,
          ...(body
            ? {
                Origin: baseUrl,
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": Buffer.byteLength(body),
              }
            : {}),
        },
      },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () =>
          resolve({ kind: "response", status: response.statusCode ?? 0, bytes, at: Date.now() }),
        );
        // Cut off after the headers: a broken response, told apart from a refused connection.
        response.on("aborted", () => resolve({ kind: "error", code: "BODY_CUT", at: Date.now() }));
        response.on("error", () => resolve({ kind: "error", code: "BODY_CUT", at: Date.now() }));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ kind: "error", code: error.code ?? error.message, at: Date.now() }),
    );
    request.end(body);
  });
}

let smtp: Awaited<ReturnType<typeof startSlowSmtpServer>>;
let child: ChildProcess | undefined;

beforeAll(() => {
  fs.mkdirSync(dir, { recursive: true });
  const seeded = spawnSync(path.join(projectRoot, "node_modules/.bin/tsx"), ["db/seed.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_PATH: databasePath, APP_MODE: "demo", LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 180_000,
  });
  if (seeded.status !== 0)
    throw new Error(`db/seed.ts failed:\n${seeded.stdout}\n${seeded.stderr}`);
  // From here on the app's own models in this process work on the seeded file.
  closeDb();
  process.env.DATABASE_PATH = databasePath;
  resetEnvCache();
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await smtp?.close();
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("SIGTERM with requests in flight", () => {
  it("finishes what it started, refuses the rest, loses no mail and closes the database", async () => {
    // ---- Data: a session with room for everyone, members with sessions, mail waiting ----
    const { session } = createSession({ capacity: 100 });
    const members: { id: number; cookie: string }[] = [];
    for (let i = 0; i < EARLY_REQUESTS + LATE_REQUESTS; i += 1) {
      const user = await createUser({ name: `Deelnemer ${i}` });
      members.push({ ...user, cookie: sessionCookieFor(user.id) });
    }
    const admin = await createUser({ appRole: "admin" });
    const adminCookie = sessionCookieFor(admin.id);
    for (let i = 0; i < QUEUED_BEFORE; i += 1) {
      const mail = await renderInvitationMail({
        to: `wachtend-${i}@huizen.example`,
        name: `Wachtend ${i}`,
        invitedByName: "Pieter Jansen",
        link: `http://localhost:3000/uitnodiging/voorbeeld${i}`,
        expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
      });
      queueMail(getDb(), mail);
    }
    closeDb();

    // ---- The production server, mail going to a slow SMTP server ----
    smtp = await startSlowSmtpServer();
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    child = spawn(process.execPath, ["app/server.mjs"], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        APP_URL: baseUrl,
        DATABASE_PATH: databasePath,
        APP_MODE: "demo",
        SMTP_URL: smtp.url,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const logLines: Record<string, unknown>[] = [];
    let stdoutRest = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = stdoutRest + chunk.toString("utf8");
      const lines = text.split("\n");
      stdoutRest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) logLines.push(JSON.parse(line));
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child!.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const logged = (text: string) => logLines.some((line) => String(line.msg).includes(text));
    await until("the server to listen", () => logged("draait op") || child!.exitCode !== null);
    expect(stderr).toBe("");

    // ---- Requests start while a message is being sent; SIGTERM at the first answer ----
    await until("a message mid-send", () => smtp.inProgress.size > 0);
    const slowGets = ["/budget/export.xlsx", "/catalogus", "/budget/export.xlsx", "/leden"].map(
      (pathName) => send(baseUrl, pathName, { cookie: adminCookie }),
    );
    const early = members.slice(0, EARLY_REQUESTS).map((member) =>
      send(baseUrl, `/sessies/${session.id}`, {
        cookie: member.cookie,
        form: { intent: "enrol" },
      }),
    );
    const firstAnswer = await Promise.race(early);
    const sigtermAt = Date.now();
    const onWireAtSigterm = [...smtp.inProgress];
    const mailsInProgressAtSigterm = onWireAtSigterm.length;
    const receivedBeforeSigterm = smtp.received.length;
    child.kill("SIGTERM");
    expect(firstAnswer.kind).toBe("response");

    // ---- Connections after the server stopped listening are refused ----
    await until("the shutdown to begin", () => logged("SIGTERM ontvangen"));
    const late = await Promise.all(
      members.slice(EARLY_REQUESTS).map((member) =>
        send(baseUrl, `/sessies/${session.id}`, {
          cookie: member.cookie,
          form: { intent: "enrol" },
        }),
      ),
    );
    const earlyOutcomes = await Promise.all(early);
    const getOutcomes = await Promise.all(slowGets);
    const exit = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("server did not exit")), WAIT_LIMIT_MS),
      ),
    ]);

    // ---- What the database says afterwards ----
    for (const suffix of ["-wal"]) {
      const file = databasePath + suffix;
      // Cleanly closed: the WAL was folded into the file and emptied (or removed).
      expect(fs.existsSync(file) ? fs.statSync(file).size : 0, `${file} size`).toBe(0);
    }
    const sqlite = openSqlite(databasePath);
    const db = drizzle(sqlite, { schema });
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");

    const applied = (member: { id: number }) => {
      const enrolment = db
        .select()
        .from(enrolments)
        .where(and(eq(enrolments.sessionId, session.id), eq(enrolments.memberId, member.id)))
        .get();
      const mails = db.select().from(mailOutbox).where(eq(mailOutbox.toUserId, member.id)).all();
      return { enrolment: enrolment !== undefined, mail: mails.length > 0 };
    };
    let completed = 0;
    let halfDone = 0;
    let answeredAfterSigterm = 0;
    earlyOutcomes.forEach((outcome, index) => {
      const state = applied(members[index]!);
      if (state.enrolment !== state.mail) halfDone += 1;
      if (outcome.kind === "response") {
        if (outcome.at > sigtermAt) answeredAfterSigterm += 1;
        // A redirect back to the session page means: enrolled, and told so by mail.
        expect(outcome.status, `early request ${index}`).toBe(302);
        expect(state, `early request ${index}`).toEqual({ enrolment: true, mail: true });
        completed += 1;
      } else {
        expect(state, `unanswered early request ${index}`).toEqual({
          enrolment: false,
          mail: false,
        });
      }
    });
    late.forEach((outcome, index) => {
      expect(outcome, `late request ${index}`).toMatchObject({
        kind: "error",
        code: "ECONNREFUSED",
      });
      expect(applied(members[EARLY_REQUESTS + index]!)).toEqual({ enrolment: false, mail: false });
    });
    // A GET that was answered came complete. One whose connection the server had not yet accepted
    // when it stopped listening (still in the kernel's backlog) is reset, never cut off midway.
    for (const [index, outcome] of getOutcomes.entries()) {
      if (outcome.kind === "error") {
        expect(outcome.code, `slow GET ${index}`).toMatch(/^(ECONNRESET|ECONNREFUSED)$/);
        continue;
      }
      expect(outcome.status, `slow GET ${index}`).toBe(200);
      expect(outcome.bytes).toBeGreaterThan(0);
    }

    // Mail: everything the SMTP server accepted is marked sent, nothing claimed is left half-sent.
    const outbox = db.select().from(mailOutbox).all();
    const sent = outbox.filter((mail) => mail.status === "sent");
    const leased = outbox.filter((mail) => mail.status === "pending" && mail.attempts > 0);
    const failed = outbox.filter((mail) => mail.status === "failed");
    // Matched by recipient: every mail in this run goes to a different address.
    const sentKeys = sent.map((mail) => mail.toAddress).sort();
    const receivedKeys = smtp.received.map((mail) => mail.to.join(",")).sort();
    const lost =
      receivedKeys.filter((key) => !sentKeys.includes(key)).length +
      sentKeys.filter((key) => !receivedKeys.includes(key)).length +
      leased.length;
    sqlite.close();

    console.log(
      `Graceful shutdown: ${EARLY_REQUESTS} enrol requests sent before SIGTERM: ${completed - answeredAfterSigterm} answered before it, ` +
        `${answeredAfterSigterm} in flight and answered after it (completed ${completed}), ${EARLY_REQUESTS - completed} reset unaccepted and not applied, half-done ${halfDone}; ` +
        `${late.length} late requests refused; slow GETs completed ${getOutcomes.filter((o) => o.kind === "response").length}/${getOutcomes.length}; ` +
        `mails in progress at SIGTERM ${mailsInProgressAtSigterm}, delivered and marked sent ${sent.length} ` +
        `(${smtp.received.length - receivedBeforeSigterm} finished after SIGTERM), left pending ${outbox.length - sent.length - failed.length}, lost ${lost}; exit code ${exit.code}`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(halfDone).toBe(0);
    expect(answeredAfterSigterm).toBeGreaterThan(0);
    expect(mailsInProgressAtSigterm).toBeGreaterThan(0);
    // The message on the wire at SIGTERM was delivered and marked sent, and nothing was lost.
    for (const id of onWireAtSigterm) {
      const delivered = smtp.received.find((mail) => mail.session === id);
      expect(delivered, `SMTP session ${id}`).toBeDefined();
      expect(sentKeys).toContain(delivered!.to.join(","));
    }
    expect(smtp.inProgress.size).toBe(0);
    expect(failed).toEqual([]);
    expect(leased).toEqual([]);
    expect(lost).toBe(0);
    expect(logged("De server is gestopt.")).toBe(true);
  });
});
