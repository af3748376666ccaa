// Anonymising a departed member: who they were disappears from the database, while enrolments,
// expenses, the ledger and the audit log (which refer to them by id only) stay exactly as they were.
import { eq, gt, or, sql } from "drizzle-orm";
import { getSqlite, writeTransaction, type Db } from "#db/client.server.ts";
import {
  loginSessions,
  mailOutbox,
  memberExpertise,
  oneTimeTokens,
  passwords,
  users,
} from "#db/schema.ts";
import { amsterdamDateOf } from "#app/domain/budget-report.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import { findUserById, type User } from "#app/models/users.server.ts";
import type { FlowResult } from "./account.server.ts";
import { mentionPattern } from "./personal-data.server.ts";

type Actor = { id: number };

export const REDACTED = "[verwijderd bij anonimisering]";
export const RECIPIENT_ANONYMISED = "ontvanger geanonimiseerd";

export function anonymisedName(userId: number): string {
  return `Oud-lid ${userId}`;
}

export function anonymisedEmail(userId: number): string {
  return `oud-lid-${userId}@geanonimiseerd.invalid`;
}

/**
 * Why this user cannot be anonymised by this administrator today, or null when they can. A member
 * has departed when their account is deactivated or their guild membership ended on or before today.
 */
export function anonymisationRefusal(
  user: Pick<User, "id" | "status" | "guildLeftOn" | "anonymisedAt"> | undefined,
  actorId: number,
  today: string,
): string | null {
  if (!user) return "Deze gebruiker bestaat niet.";
  if (user.id === actorId) return "U kunt uw eigen account niet anonimiseren.";
  if (user.anonymisedAt) return "Deze gebruiker is al geanonimiseerd.";
  const departed =
    user.status === "deactivated" || (user.guildLeftOn !== null && user.guildLeftOn <= today);
  if (!departed) {
    return "Alleen een vertrokken lid kan worden geanonimiseerd. Deactiveer eerst het account (of laat een coördinator de datum van vertrek uit het gilde vastleggen) en anonimiseer daarna.";
  }
  return null;
}

type Replacement = { pattern: RegExp; by: string };

function replaceAll(value: string, replacements: readonly Replacement[]): string {
  return replacements.reduce((text, { pattern, by }) => text.replace(pattern, by), value);
}

/** Calendar files fold long lines; unfolded, a name split over two lines can be found again. */
function unfoldCalendar(content: string): string {
  return content.replace(/\r?\n[ \t]/g, "");
}

function replaceInAttachments(json: string, replacements: readonly Replacement[]): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return replaceAll(json, replacements);
  }
  if (!Array.isArray(parsed)) return replaceAll(json, replacements);
  const changed = parsed.map((attachment: unknown) => {
    if (typeof attachment !== "object" || attachment === null) return attachment;
    const record = { ...(attachment as Record<string, unknown>) };
    for (const key of ["filename", "content"]) {
      const value = record[key];
      if (typeof value !== "string") continue;
      const replaced = replaceAll(value, replacements);
      if (replaced !== value) {
        record[key] = replaced;
        continue;
      }
      const unfolded = unfoldCalendar(value);
      const replacedUnfolded = replaceAll(unfolded, replacements);
      if (replacedUnfolded !== unfolded) record[key] = replacedUnfolded;
    }
    return record;
  });
  return JSON.stringify(changed);
}

const MAIL_BATCH = 200;

/**
 * Mail to the member loses its content (a pending one is not sent any more); any other mail that
 * names them gets the new name and address instead. Returns how many of each were changed.
 */
function anonymiseMail(
  tx: Db,
  user: User,
  replacement: { name: string; email: string },
): { toMember: number; mentioning: number } {
  const namePattern = mentionPattern([user.name]);
  const emailPattern = mentionPattern([user.email]);
  // The address first: it may contain the name's words, never the other way round.
  const replacements: Replacement[] = [
    ...(emailPattern ? [{ pattern: emailPattern, by: replacement.email }] : []),
    ...(namePattern ? [{ pattern: namePattern, by: replacement.name }] : []),
  ];
  const toMember = tx
    .update(mailOutbox)
    .set({
      toAddress: replacement.email,
      subject: REDACTED,
      html: REDACTED,
      text: REDACTED,
      attachments: null,
      status: sql`CASE WHEN ${mailOutbox.status} = 'pending' THEN 'failed' ELSE ${mailOutbox.status} END`,
      lastError: sql`CASE WHEN ${mailOutbox.status} = 'pending' THEN ${RECIPIENT_ANONYMISED} ELSE ${mailOutbox.lastError} END`,
    })
    .where(
      or(
        eq(mailOutbox.toUserId, user.id),
        sql`lower(${mailOutbox.toAddress}) = ${user.email.toLowerCase()}`,
      ),
    )
    .run().changes;

  // Every other mail is read in batches: a name may stand escaped or in capitals, which SQL's
  // LIKE cannot find reliably; the mail to the member was emptied above and matches nothing.
  let mentioning = 0;
  let after = 0;
  for (;;) {
    const batch = tx
      .select({
        id: mailOutbox.id,
        toAddress: mailOutbox.toAddress,
        subject: mailOutbox.subject,
        html: mailOutbox.html,
        text: mailOutbox.text,
        attachments: mailOutbox.attachments,
      })
      .from(mailOutbox)
      .where(gt(mailOutbox.id, after))
      .orderBy(mailOutbox.id)
      .limit(MAIL_BATCH)
      .all();
    if (batch.length === 0) break;
    for (const mail of batch) {
      const changed = {
        toAddress: replaceAll(mail.toAddress, replacements),
        subject: replaceAll(mail.subject, replacements),
        html: replaceAll(mail.html, replacements),
        text: replaceAll(mail.text, replacements),
        attachments:
          mail.attachments === null ? null : replaceInAttachments(mail.attachments, replacements),
      };
      if (
        changed.toAddress !== mail.toAddress ||
        changed.subject !== mail.subject ||
        changed.html !== mail.html ||
        changed.text !== mail.text ||
        changed.attachments !== mail.attachments
      ) {
        tx.update(mailOutbox).set(changed).where(eq(mailOutbox.id, mail.id)).run();
        mentioning += 1;
      }
    }
    after = batch.at(-1)!.id;
  }
  return { toMember, mentioning };
}

/**
 * Replaces name, e-mail address and profile of a departed member, ends their sessions and makes
 * signing in impossible; their enrolments, expenses and ledger entries are not touched, so budget
 * figures and reports stay the same. All writes in one transaction; afterwards the WAL is folded
 * into the database file so that no old page with the name remains beside it.
 */
export function anonymiseMember(
  userId: number,
  actor: Actor,
  address: string,
  now = new Date(),
): FlowResult<{ name: string }> {
  const result = writeTransaction((tx) => {
    const user = findUserById(tx, userId);
    const refusal = anonymisationRefusal(user, actor.id, amsterdamDateOf(now));
    if (refusal || !user) return { ok: false as const, message: refusal ?? "" };

    const replacement = { name: anonymisedName(user.id), email: anonymisedEmail(user.id) };
    const mail = anonymiseMail(tx, user, replacement);
    // Tags first: the search index picks up the user's new row with what is left of them.
    tx.delete(memberExpertise).where(eq(memberExpertise.userId, user.id)).run();
    tx.update(users)
      .set({
        name: replacement.name,
        email: replacement.email,
        team: null,
        introduction: null,
        status: "deactivated",
        deactivatedAt: user.deactivatedAt ?? now.toISOString(),
        anonymisedAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .where(eq(users.id, user.id))
      .run();
    tx.delete(passwords).where(eq(passwords.userId, user.id)).run();
    tx.delete(loginSessions).where(eq(loginSessions.userId, user.id)).run();
    tx.delete(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id)).run();
    // Merges the full-text index into one segment, so the old name's terms are gone from it too.
    tx.run(sql`INSERT INTO member_search(member_search) VALUES ('optimize')`);
    recordAudit(tx, {
      actorId: actor.id,
      action: "user_anonymised",
      objectType: "user",
      objectId: user.id,
      result: "success",
      origin: address,
      details: {
        before: { status: user.status },
        after: { status: "deactivated" },
        mailsEmptied: mail.toMember,
        mailsRenamed: mail.mentioning,
      },
      at: now,
    });
    return { ok: true as const, value: { name: replacement.name } };
  });
  if (result.ok) {
    // With secure_delete the freed cells are zeroed; the WAL still holds older page images.
    getSqlite().pragma("wal_checkpoint(TRUNCATE)");
  }
  return result;
}
