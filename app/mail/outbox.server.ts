// The outbox: mail is written here in the same transaction as the change it reports.
import { count, desc, eq, min } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { mailOutbox } from "#db/schema.ts";

export type MailAttachment = { filename: string; contentType: string; content: string };

export type RenderedMail = {
  template: string;
  to: string;
  toUserId?: number | null;
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
};

/** Synchronous, so it can run inside a write transaction. Render the mail before the transaction. */
export function queueMail(db: Db, mail: RenderedMail): number {
  const row = db
    .insert(mailOutbox)
    .values({
      template: mail.template,
      toAddress: mail.to,
      toUserId: mail.toUserId ?? null,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
    })
    .returning({ id: mailOutbox.id })
    .get();
  return row.id;
}

/** Reads the attachments column back; throws on content that queueMail cannot have written. */
export function parseAttachments(json: string | null): MailAttachment[] {
  if (json === null) return [];
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every(isAttachment)) {
    throw new Error("mail_outbox.attachments is not a list of { filename, contentType, content }");
  }
  return value;
}

function isAttachment(value: unknown): value is MailAttachment {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.filename === "string" &&
    typeof record.contentType === "string" &&
    typeof record.content === "string"
  );
}

export type OutboxMessage = typeof mailOutbox.$inferSelect;

export function listOutboxMessages(db: Db, limit = 200) {
  return db
    .select({
      id: mailOutbox.id,
      template: mailOutbox.template,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.id))
    .limit(limit)
    .all();
}

export function findOutboxMessage(db: Db, id: number): OutboxMessage | undefined {
  return db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get();
}

/** How much mail still waits, and when the first of it is due. */
export function pendingMailSummary(db: Db): { count: number; firstDueAt: string | null } {
  const row = db
    .select({ count: count(), firstDueAt: min(mailOutbox.nextAttemptAt) })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, "pending"))
    .get();
  return { count: row?.count ?? 0, firstDueAt: row?.firstDueAt ?? null };
}
