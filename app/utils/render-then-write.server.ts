// Mail is rendered asynchronously, and a write transaction must not wait: so a change that sends
// mail renders it first from what it reads, then decides and writes in one IMMEDIATE transaction
// that queues the mail only if it was rendered from the data the transaction reads (ADR 005).
import { writeTransaction, type Db } from "#db/client.server.ts";
import type { RenderedMail } from "#app/mail/outbox.server.ts";
import type { FlowResult } from "./account.server.ts";

export const STALE = Symbol("stale");
export type Stale = typeof STALE;

/**
 * Mail rendered from what was read before the transaction. `basis` names exactly the data the text
 * depends on; the transaction queues the mail only when it reads the same basis.
 */
export type Candidate = { basis: string; mails: RenderedMail[] };

const MAX_ATTEMPTS = 5;
const changedMessage =
  "De gegevens veranderden terwijl uw verzoek werd verwerkt. Probeer het opnieuw.";

/**
 * Renders, then decides. When the transaction finds that a mail it must send was rendered from data
 * that has changed meanwhile (another change came first), it writes nothing and we render again
 * from fresh data. `attempt` (1-based) lets a preparation look further ahead when it was wrong.
 */
export async function renderThenWrite<P, V, R extends FlowResult<V> = FlowResult<V>>(
  prepare: (attempt: number) => Promise<P>,
  write: (tx: Db, prepared: P) => R | Stale,
): Promise<R | { ok: false; message: string }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const prepared = await prepare(attempt);
    try {
      return writeTransaction((tx) => {
        const result = write(tx, prepared);
        // Thrown, not returned: whatever the callback wrote before it noticed is rolled back.
        if (result === STALE) throw staleAttempt;
        return result;
      });
    } catch (error) {
      if (error !== staleAttempt) throw error;
    }
  }
  return { ok: false, message: changedMessage };
}

const staleAttempt = new Error("mail was rendered from data that has changed since");

/** The mails to queue, or STALE when they were rendered from other data than the transaction reads. */
export function take(
  candidate: Candidate | null | undefined,
  basis: string,
): RenderedMail[] | Stale {
  return candidate && candidate.basis === basis ? candidate.mails : STALE;
}
