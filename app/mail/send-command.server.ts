// What `npm run mail:send` does, apart from the process itself, so that tests can run it.
import { closeDb, getDb } from "#db/client.server.ts";
import { MAX_MAIL_ATTEMPTS } from "#app/domain/mail-retry.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { pendingMailSummary } from "./outbox.server.ts";
import { createSmtpTransport, deliverAllDueMail } from "./sender.server.ts";

const dutchTime = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  dateStyle: "short",
  timeStyle: "short",
});

export type CommandOutput = { log(line: string): void; error(line: string): void };

function mails(count: number, singular = "", plural = ""): string {
  const subject = count === 1 ? "1 e-mail" : `${count} e-mails`;
  const verb = count === 1 ? singular : plural;
  return verb ? `${subject} ${verb}` : subject;
}

/** Delivers every due message once; returns the exit code (0 only when nothing was left undelivered). */
export async function runMailSendCommand(
  output: CommandOutput = console,
  now: Date = new Date(),
): Promise<number> {
  let smtpUrl: string | undefined;
  try {
    smtpUrl = getEnv().SMTP_URL;
  } catch (error) {
    output.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if (!smtpUrl) {
    output.error(
      "Geen SMTP_URL ingesteld: er wordt niets verstuurd en de e-mail blijft in het postvak (/ontwikkeling/postvak).\n" +
        "Stel SMTP_URL in, bijvoorbeeld SMTP_URL=smtp://localhost:1025 in .env, en probeer het opnieuw.",
    );
    return 1;
  }

  let transport: ReturnType<typeof createSmtpTransport>;
  try {
    transport = createSmtpTransport(smtpUrl);
  } catch (error) {
    output.error(
      `SMTP_URL is geen geldig adres: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }

  try {
    const db = getDb();
    const summary = await deliverAllDueMail(db, transport, now);
    const waiting = pendingMailSummary(db);
    const nothingDone = summary.sent + summary.retried + summary.failed + summary.skipped === 0;

    if (nothingDone) output.log("Er stond geen e-mail klaar om te versturen.");
    if (summary.sent > 0) output.log(`${mails(summary.sent)} verzonden.`);
    if (summary.skipped > 0) {
      output.log(
        `${mails(summary.skipped, "werd", "werden")} op hetzelfde moment al door een ander proces verstuurd.`,
      );
    }
    if (summary.retried > 0) {
      output.error(
        `${mails(summary.retried, "kon", "konden")} nu niet worden verzonden. ` +
          `${summary.retried === 1 ? "Die wordt" : "Die worden"} later opnieuw geprobeerd ` +
          "(door de draaiende server of met npm run mail:send).",
      );
    }
    if (summary.failed > 0) {
      output.error(
        `${mails(summary.failed, "is", "zijn")} definitief mislukt na ${MAX_MAIL_ATTEMPTS} pogingen; zie /ontwikkeling/postvak.`,
      );
    }
    if (summary.lastError) output.error(`Laatste fout: ${summary.lastError}`);
    if (waiting.count > 0) {
      const firstDue = waiting.firstDueAt
        ? ` (de eerste vanaf ${dutchTime.format(new Date(waiting.firstDueAt))})`
        : "";
      output.log(`Nog in de wachtrij: ${mails(waiting.count)}${firstDue}.`);
    }
    return summary.retried + summary.failed > 0 ? 1 : 0;
  } finally {
    transport.close();
    closeDb();
  }
}
