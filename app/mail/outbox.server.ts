// The outbox: mail is written here in the same transaction as the change it reports.
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
