// Delivery over real SMTP: a local smtp-server receives what the sender sends.
import type { AddressInfo } from "node:net";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, getDb, type Db } from "#db/client.server.ts";
import { openSqlite } from "#db/connection.ts";
import * as schema from "#db/schema.ts";
import { mailOutbox } from "#db/schema.ts";
import { MAX_MAIL_ATTEMPTS } from "#app/domain/mail-retry.ts";
import { queueMail } from "#app/mail/outbox.server.ts";
import { runMailSendCommand } from "#app/mail/send-command.server.ts";
import { createSmtpTransport, deliverDueMail, startOutboxSender } from "#app/mail/sender.server.ts";
import { renderInvitationMail } from "#app/mail/templates.server.ts";
import { getEnv, resetEnvCache } from "#app/utils/env.server.ts";
import { captureLogs } from "#app/utils/logger.server.ts";

type Received = { to: string[]; raw: string; body: string };

async function startSmtpServer(options: { rejectRecipients?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!options.rejectRecipients) return callback();
      const error = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          body: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A port on which nothing listens. */
async function unusedSmtpUrl(): Promise<string> {
  const server = await startSmtpServer();
  await server.close();
  return server.url;
}

const link = "http://localhost:3000/uitnodiging/token-1234567890abcdefghijklmnopqrstuvwxyz";

async function queueInvitation(to = "anne@huizen.example"): Promise<number> {
  const rendered = await renderInvitationMail({
    to,
    name: "Anne de Vries",
    invitedByName: "Pieter Jansen",
    link,
    expiresAt: new Date("2025-03-21T15:30:00.000Z"),
  });
  return queueMail(getDb(), rendered);
}

function row(id: number) {
  const found = getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id)).get();
  if (!found) throw new Error(`outbox row ${id} missing`);
  return found;
}

const closers: Array<() => Promise<void> | void> = [];

beforeEach(() => {
  // Each test starts with an empty outbox; all rows queued earlier are past due by now.
  getDb().delete(mailOutbox).run();
});

afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function smtp(options?: { rejectRecipients?: boolean }) {
  const server = await startSmtpServer(options);
  const transport = createSmtpTransport(server.url);
  closers.push(
    () => server.close(),
    () => transport.close(),
  );
  return { ...server, transport };
}

describe("deliverDueMail", () => {
  it("delivers a queued invitation over SMTP and marks it sent", async () => {
    const server = await smtp();
    const id = await queueInvitation();
    const now = new Date();

    const summary = await deliverDueMail(getDb(), server.transport, now);

    expect(summary).toMatchObject({ sent: 1, failed: 0, retried: 0 });
    expect(server.received).toHaveLength(1);
    const [message] = server.received;
    expect(message?.to).toEqual(["anne@huizen.example"]);
    expect(message?.raw).toContain("Subject: U bent uitgenodigd voor het Gildeportaal OGW");
    expect(message?.raw).toContain(`From: ${getEnv().MAIL_FROM}`);
    expect(message?.raw).toContain("Content-Type: text/plain");
    expect(message?.raw).toContain("Content-Type: text/html");
    expect(message?.body).toContain(link);
    const sent = row(id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(sent.sentAt ?? "").toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(String(sent.sentAt) >= now.toISOString()).toBe(true);
  });

  it("sends calendar attachments as text/calendar", async () => {
    const server = await smtp();
    const rendered = await renderInvitationMail({
      to: "anne@huizen.example",
      name: "Anne",
      invitedByName: "Piet",
      link,
      expiresAt: new Date(),
    });
    queueMail(getDb(), {
      ...rendered,
      attachments: [
        {
          filename: "sessie.ics",
          contentType: "text/calendar; method=REQUEST",
          content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR",
        },
      ],
    });

    await deliverDueMail(getDb(), server.transport);

    expect(server.received[0]?.raw).toMatch(/Content-Type: text\/calendar; method=REQUEST/);
    expect(server.received[0]?.raw).toContain(
      "Content-Disposition: attachment; filename=sessie.ics",
    );
  });

  it("does not send mail whose next attempt lies in the future, or that was sent already", async () => {
    const server = await smtp();
    const id = await queueInvitation();
    const now = new Date();
    getDb()
      .update(mailOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + 60_000).toISOString() })
      .where(eq(mailOutbox.id, id))
      .run();

    expect(await deliverDueMail(getDb(), server.transport, now)).toMatchObject({
      sent: 0,
      skipped: 0,
    });
    await deliverDueMail(getDb(), server.transport, new Date(now.getTime() + 61_000));
    await deliverDueMail(getDb(), server.transport, new Date(now.getTime() + 120_000));
    expect(server.received).toHaveLength(1);
  });

  it("keeps a rejected message pending with a later retry, and gives up after the last attempt", async () => {
    const server = await smtp({ rejectRecipients: true });
    const id = await queueInvitation();
    const start = new Date();

    const first = await deliverDueMail(getDb(), server.transport, start);

    expect(first).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    const afterFirst = row(id);
    expect(afterFirst.status).toBe("pending");
    expect(afterFirst.attempts).toBe(1);
    expect(afterFirst.lastError).toMatch(/550/);
    // One minute after the failure.
    expect(afterFirst.nextAttemptAt >= new Date(start.getTime() + 60_000).toISOString()).toBe(true);
    expect(afterFirst.nextAttemptAt <= new Date(Date.now() + 60_000).toISOString()).toBe(true);

    // Not yet due: nothing is tried.
    expect(
      await deliverDueMail(getDb(), server.transport, new Date(start.getTime() + 30_000)),
    ).toMatchObject({
      retried: 0,
    });
    expect(row(id).attempts).toBe(1);

    for (let attempt = 2; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      const summary = await deliverDueMail(
        getDb(),
        server.transport,
        new Date(row(id).nextAttemptAt),
      );
      expect(row(id).attempts).toBe(attempt);
      expect(summary).toEqual(
        attempt < MAX_MAIL_ATTEMPTS
          ? expect.objectContaining({ retried: 1, failed: 0 })
          : expect.objectContaining({ retried: 0, failed: 1 }),
      );
    }
    expect(row(id)).toMatchObject({ status: "failed", attempts: MAX_MAIL_ATTEMPTS });
    expect(row(id).lastError).toMatch(/550/);
    expect(server.received).toHaveLength(0);

    // A failed message stays failed.
    await deliverDueMail(getDb(), server.transport, new Date(start.getTime() + 7 * 24 * 3600_000));
    expect(row(id).attempts).toBe(MAX_MAIL_ATTEMPTS);
  });

  it("keeps the message pending when the SMTP server is unreachable", async () => {
    const transport = createSmtpTransport(await unusedSmtpUrl());
    closers.push(() => transport.close());
    const id = await queueInvitation();
    const now = new Date();

    const summary = await deliverDueMail(getDb(), transport, now);

    expect(summary).toMatchObject({ sent: 0, retried: 1 });
    const after = row(id);
    expect(after).toMatchObject({ status: "pending", attempts: 1 });
    expect(after.lastError).toMatch(/ECONNREFUSED/);
    expect(after.nextAttemptAt > now.toISOString()).toBe(true);
  });

  it("never sends a message twice when two senders run at once", async () => {
    const server = await smtp();
    const recipients = [
      "a@huizen.example",
      "b@huizen.example",
      "c@huizen.example",
      "d@huizen.example",
      "e@huizen.example",
    ];
    for (const to of recipients) await queueInvitation(to);
    // A second connection to the same file, as `npm run mail:send` beside the server would have.
    const otherSqlite = openSqlite(getEnv().DATABASE_PATH);
    const otherDb: Db = drizzle(otherSqlite, { schema });
    const otherTransport = createSmtpTransport(server.url);
    closers.push(
      () => {
        otherSqlite.close();
      },
      () => otherTransport.close(),
    );
    const now = new Date();

    const [one, two] = await Promise.all([
      deliverDueMail(getDb(), server.transport, now),
      deliverDueMail(otherDb, otherTransport, now),
    ]);

    expect(one.sent + two.sent).toBe(recipients.length);
    // Both saw rows the other had claimed: the race really happened.
    expect(one.skipped + two.skipped).toBeGreaterThan(0);
    const delivered = server.received.flatMap((message) => message.to).sort();
    expect(delivered).toEqual(recipients);
    const rows = getDb().select().from(mailOutbox).all();
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });
});

describe("startOutboxSender", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL };

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
    vi.restoreAllMocks();
  });

  function environment(values: { NODE_ENV: "development" | "test"; SMTP_URL?: string }) {
    process.env.NODE_ENV = values.NODE_ENV;
    if (values.SMTP_URL === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = values.SMTP_URL;
    resetEnvCache();
  }

  it("delivers due mail as soon as it starts, and stop() waits for the running batch", async () => {
    const server = await startSmtpServer();
    closers.push(() => server.close());
    const id = await queueInvitation();
    environment({ NODE_ENV: "development", SMTP_URL: server.url });

    const sender = startOutboxSender();
    await sender.stop();

    expect(row(id).status).toBe("sent");
    expect(server.received).toHaveLength(1);
  });

  it("leaves mail in the outbox without SMTP_URL and says so once", async () => {
    const id = await queueInvitation();
    environment({ NODE_ENV: "development" });
    const log = captureLogs();
    closers.push(async () => log.stop());

    await startOutboxSender().stop();
    await startOutboxSender().stop();

    expect(row(id)).toMatchObject({ status: "pending", attempts: 0 });
    const notices = log
      .lines()
      .filter((line) => String(line.msg).startsWith("Geen SMTP_URL"))
      .map((line) => line.msg);
    expect(notices).toEqual([
      "Geen SMTP_URL: e-mail blijft in het postvak (/ontwikkeling/postvak)",
    ]);
  });

  it("does not start under test", async () => {
    const server = await startSmtpServer();
    closers.push(() => server.close());
    const id = await queueInvitation();
    environment({ NODE_ENV: "test", SMTP_URL: server.url });

    await startOutboxSender().stop();

    expect(row(id).status).toBe("pending");
  });
});

describe("npm run mail:send", () => {
  const savedSmtpUrl = process.env.SMTP_URL;

  afterEach(() => {
    if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtpUrl;
    resetEnvCache();
  });

  function capture() {
    const lines: string[] = [];
    return {
      lines,
      output: {
        log: (line: string) => lines.push(line),
        error: (line: string) => lines.push(line),
      },
    };
  }

  async function run(smtpUrl: string | undefined) {
    if (smtpUrl === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = smtpUrl;
    resetEnvCache();
    const { lines, output } = capture();
    const code = await runMailSendCommand(output);
    // The command closes the connection when done, as the process would.
    closeDb();
    return { code, text: lines.join("\n") };
  }

  it("refuses to run without SMTP_URL and says the mail stays in the outbox", async () => {
    const id = await queueInvitation();
    const { code, text } = await run(undefined);
    expect(code).toBe(1);
    expect(text).toContain("Geen SMTP_URL ingesteld");
    expect(text).toContain("/ontwikkeling/postvak");
    expect(row(id)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("explains a malformed SMTP_URL", async () => {
    const { code, text } = await run("http://mail.huizen.example");
    expect(code).toBe(1);
    expect(text).toContain("SMTP_URL moet beginnen met smtp:// of smtps://");
  });

  // One more than a batch of 20, so that the command must go on to a second batch.
  it("delivers everything that is due, over several batches", async () => {
    const server = await startSmtpServer();
    closers.push(() => server.close());
    for (let i = 0; i < 21; i++) await queueInvitation(`lid${i}@huizen.example`);

    const { code, text } = await run(server.url);

    expect(code).toBe(0);
    expect(text).toContain("21 e-mails verzonden.");
    expect(server.received).toHaveLength(21);
  });

  it("says that undeliverable mail is tried again later when the server is unreachable", async () => {
    const id = await queueInvitation();
    const { code, text } = await run(await unusedSmtpUrl());
    expect(code).toBe(1);
    expect(text).toContain(
      "1 e-mail kon nu niet worden verzonden. Die wordt later opnieuw geprobeerd",
    );
    expect(text).toMatch(/Laatste fout: .*ECONNREFUSED/);
    expect(text).toMatch(
      /Nog in de wachtrij: 1 e-mail \(de eerste vanaf \d{2}-\d{2}-\d{4},? \d{2}:\d{2}\)\./,
    );
    expect(row(id)).toMatchObject({ status: "pending", attempts: 1 });
  });
});
