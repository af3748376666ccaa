// The day-before reminder, as a job of the mail sender: queues one mail per confirmed enrolment.
import { getDb, writeTransaction } from "#db/client.server.ts";
import { reminderDue } from "#app/domain/reminders.ts";
import {
  findReminderCandidate,
  listReminderCandidates,
  markReminderSent,
  type ReminderCandidate,
} from "#app/models/reminders.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { queueMail } from "./outbox.server.ts";
import { renderSessionReminderMail } from "./templates.server.ts";

function isDue(candidate: ReminderCandidate, now: Date): boolean {
  return reminderDue(
    { startsAt: new Date(candidate.session.startsAt), status: candidate.session.status },
    now,
  );
}

/**
 * Queues the reminders that are due and returns how many. Safe to run often and side by side:
 * each enrolment is re-read in its own write transaction and marked, so it gets one reminder.
 */
export async function queueDueReminders(now = new Date()): Promise<number> {
  const due = listReminderCandidates(getDb(), now).filter((candidate) => isDue(candidate, now));
  if (due.length === 0) return 0;

  const appUrl = getEnv().APP_URL;
  // Rendering is async, so it happens before any transaction. No .ics: the invitation came with
  // the confirmation.
  const rendered = await Promise.all(
    due.map(async (candidate) => ({
      candidate,
      mail: await renderSessionReminderMail({
        to: candidate.memberEmail,
        toUserId: candidate.memberId,
        name: candidate.memberName,
        courseTitle: candidate.courseTitle,
        startsAt: candidate.session.startsAt,
        endsAt: candidate.session.endsAt,
        location: candidate.session.location,
        onlineUrl: candidate.session.onlineUrl,
        link: new URL(`/sessies/${candidate.session.id}`, appUrl).href,
      }),
    })),
  );

  let queued = 0;
  for (const { candidate, mail } of rendered) {
    const sent = writeTransaction((tx) => {
      const current = findReminderCandidate(tx, candidate.enrolmentId);
      if (!current || !isDue(current, now)) return false;
      // Time, place, title or address changed since the mail was rendered: the next run renders it anew.
      if (current.session.updatedAt !== candidate.session.updatedAt) return false;
      if (current.courseTitle !== candidate.courseTitle || current.memberEmail !== mail.to) {
        return false;
      }
      if (!markReminderSent(tx, candidate.enrolmentId, now)) return false;
      queueMail(tx, mail);
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}
