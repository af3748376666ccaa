// Delivers the outbox over SMTP with retries, and queues the session reminders on a timer. The
// server and `npm run mail:send` may run at the same time, so every message is claimed with a
// short lease before it is sent.
import { and, asc, eq, lte, sql } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { getDb, type Db } from "#db/client.server.ts";
import { mailOutbox } from "#db/schema.ts";
import { MAX_MAIL_ATTEMPTS, nextMailAttempt } from "#app/domain/mail-retry.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { getLogger } from "#app/utils/logger.server.ts";
import { parseAttachments, type OutboxMessage } from "./outbox.server.ts";
import { queueDueReminders } from "./reminders.server.ts";

/** The part of a nodemailer transporter the sender uses; tests can pass their own. */
export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

export type DeliverySummary = {
  sent: number;
  /** Gave up after the last attempt. */
  failed: number;
  /** Failed this time, scheduled again. */
  retried: number;
  /** Due, but another sender claimed it first. */
  skipped: number;
  lastError: string | null;
};

export type DeliveryOptions = {
  batchSize?: number;
  /** How long a claimed message is left alone by other senders. */
  leaseMs?: number;
  from?: string;
  /** Asked between messages; once true the batch ends (a shutdown lets the current one finish). */
  stopRequested?: () => boolean;
};

const DEFAULT_BATCH_SIZE = 20;
// Comfortably longer than one send can take with the transport timeouts below, so a live claim
// is never taken over; after a crash the message is picked up again once the lease runs out.
const DEFAULT_LEASE_MS = 5 * 60 * 1000;
const SEND_INTERVAL_MS = 10_000;
const REMINDER_INTERVAL_MS = 60_000;
const MAX_ERROR_LENGTH = 2000;

export function emptySummary(): DeliverySummary {
  return { sent: 0, failed: 0, retried: 0, skipped: 0, lastError: null };
}

/** One batch of due messages, oldest first. */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  now: Date = new Date(),
  options: DeliveryOptions = {},
): Promise<DeliverySummary> {
  const from = options.from ?? getEnv().MAIL_FROM;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  // `now` decides what is due. Slow sends can make a batch outlast a lease, so leases, send times
  // and retries count from the clock at that moment (never earlier than `now`, for tests).
  const currentTime = () => new Date(Math.max(now.getTime(), Date.now()));
  const summary = emptySummary();

  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now.toISOString())))
    .orderBy(asc(mailOutbox.id))
    .limit(options.batchSize ?? DEFAULT_BATCH_SIZE)
    .all();

  for (const [index, { id }] of due.entries()) {
    // Between messages: a batch that has begun finishes the message it is on, then stops.
    if (index > 0 && options.stopRequested?.()) break;
    const claim = claimMessage(db, id, now, new Date(currentTime().getTime() + leaseMs));
    if (claim.kind === "taken") {
      summary.skipped += 1;
      continue;
    }
    if (claim.kind === "exhausted") {
      summary.failed += 1;
      continue;
    }
    const message = claim.message;
    try {
      await transport.sendMail({
        from,
        to: message.toAddress,
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: parseAttachments(message.attachments).map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: attachment.content,
        })),
      });
      db.update(mailOutbox)
        .set({ status: "sent", sentAt: currentTime().toISOString(), lastError: null })
        .where(eq(mailOutbox.id, id))
        .run();
      summary.sent += 1;
    } catch (error) {
      const lastError = describeError(error);
      summary.lastError = lastError;
      const decision = nextMailAttempt(message.attempts, currentTime());
      if (decision.kind === "retry") {
        db.update(mailOutbox)
          .set({ lastError, nextAttemptAt: decision.at.toISOString() })
          .where(eq(mailOutbox.id, id))
          .run();
        summary.retried += 1;
      } else {
        db.update(mailOutbox)
          .set({ status: "failed", lastError })
          .where(eq(mailOutbox.id, id))
          .run();
        summary.failed += 1;
      }
    }
  }
  return summary;
}

/** Every due message, batch after batch, until none is left; for `npm run mail:send`. */
export async function deliverAllDueMail(
  db: Db,
  transport: MailTransport,
  now: Date = new Date(),
  options: DeliveryOptions = {},
): Promise<DeliverySummary> {
  const total = emptySummary();
  for (;;) {
    const batch = await deliverDueMail(db, transport, now, options);
    total.sent += batch.sent;
    total.failed += batch.failed;
    total.retried += batch.retried;
    total.skipped += batch.skipped;
    total.lastError = batch.lastError ?? total.lastError;
    // Every message looked at has left the due set (sent, failed, rescheduled or leased elsewhere),
    // so an empty batch means nothing is due any more.
    if (batch.sent + batch.failed + batch.retried + batch.skipped === 0) return total;
  }
}

type Claim =
  { kind: "claimed"; message: OutboxMessage } | { kind: "taken" } | { kind: "exhausted" };

/**
 * Takes the message for this sender by moving its next attempt past the lease, and counts the
 * attempt now, so that a process that dies while sending still uses up an attempt.
 */
function claimMessage(db: Db, id: number, now: Date, leaseUntil: Date): Claim {
  return db.transaction(
    (tx): Claim => {
      const current = tx
        .select()
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.id, id),
            eq(mailOutbox.status, "pending"),
            lte(mailOutbox.nextAttemptAt, now.toISOString()),
          ),
        )
        .get();
      if (!current) return { kind: "taken" };
      if (current.attempts >= MAX_MAIL_ATTEMPTS) {
        // Only reachable when a sender died during the last attempt.
        tx.update(mailOutbox)
          .set({
            status: "failed",
            lastError: current.lastError ?? "Verzending afgebroken tijdens de laatste poging.",
          })
          .where(eq(mailOutbox.id, id))
          .run();
        return { kind: "exhausted" };
      }
      const message = tx
        .update(mailOutbox)
        .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: leaseUntil.toISOString() })
        .where(eq(mailOutbox.id, id))
        .returning()
        .get();
      return message ? { kind: "claimed", message } : { kind: "taken" };
    },
    { behavior: "immediate" },
  );
}

function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    text =
      typeof code === "string" && !error.message.includes(code)
        ? `${code}: ${error.message}`
        : error.message;
  } else {
    text = String(error);
  }
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

/**
 * A nodemailer SMTP transport for SMTP_URL. Its default socket timeout is ten minutes; shorter
 * timeouts keep a dead server from holding a claim longer than the lease.
 */
export function createSmtpTransport(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const defaults: Record<string, string> = {
    connectionTimeout: "15000",
    greetingTimeout: "15000",
    socketTimeout: "60000",
  };
  for (const [name, value] of Object.entries(defaults)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return nodemailer.createTransport(url.toString());
}

let announcedNoSmtp = false;

export type OutboxSender = { stop(): Promise<void> };

/** Every `intervalMs`, starting now; a run that is still busy is never started twice. */
function startRepeatingJob(
  intervalMs: number,
  work: (stopRequested: () => boolean) => Promise<void>,
  failure: string,
) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const stopRequested = () => stopped;

  const tick = () => {
    if (running || stopped) return;
    running = Promise.resolve()
      .then(() => work(stopRequested))
      .catch((error: unknown) => {
        getLogger().error({ err: error }, failure);
      })
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(tick, intervalMs);
  // The sender alone must not keep the process alive.
  timer.unref();
  tick();

  return {
    /** No new run starts; a run in progress is told to stop and awaited. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

async function queueRemindersAndReport() {
  const queued = await queueDueReminders();
  if (queued === 0) return;
  getLogger().info(
    { job: "reminders", queued },
    `Herinneringen: ${queued} ${queued === 1 ? "e-mail" : "e-mails"} in de wachtrij gezet.`,
  );
}

/**
 * Runs beside the HTTP server: queues the session reminders every minute, and delivers due mail
 * every few seconds while SMTP_URL is set. Without SMTP_URL the reminders still go to the outbox.
 */
export function startOutboxSender(): OutboxSender {
  const env = getEnv();
  if (env.NODE_ENV === "test") return { async stop() {} };

  const reminders = startRepeatingJob(
    REMINDER_INTERVAL_MS,
    queueRemindersAndReport,
    "Herinneringen klaarzetten is mislukt:",
  );

  if (!env.SMTP_URL) {
    if (!announcedNoSmtp) {
      announcedNoSmtp = true;
      getLogger().info(
        { job: "mail" },
        "Geen SMTP_URL: e-mail blijft in het postvak (/ontwikkeling/postvak)",
      );
    }
    return { stop: () => reminders.stop() };
  }

  const transport = createSmtpTransport(env.SMTP_URL);
  // A slow SMTP server must not lead to two overlapping batches.
  const delivery = startRepeatingJob(
    SEND_INTERVAL_MS,
    async (stopRequested) => {
      // On shutdown the message being sent is finished and the rest of the batch waits.
      const summary = await deliverDueMail(getDb(), transport, new Date(), { stopRequested });
      if (summary.sent + summary.failed + summary.retried === 0) return;
      getLogger().info(
        { job: "mail", ...summary },
        `E-mail: ${summary.sent} verzonden, ${summary.retried} opnieuw ingepland, ${summary.failed} definitief mislukt.` +
          (summary.lastError ? ` Laatste fout: ${summary.lastError}` : ""),
      );
    },
    "E-mail versturen is mislukt:",
  );

  return {
    async stop() {
      await Promise.all([reminders.stop(), delivery.stop()]);
      transport.close();
      getLogger().info({ job: "mail" }, "E-mailverzending gestopt.");
    },
  };
}
