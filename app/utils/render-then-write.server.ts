// Mail is rendered asynchronously, and a write transaction must not wait: so a change that sends
// mail renders it first from what it reads, then decides and writes in one IMMEDIATE transaction
// that queues the mail only if it was rendered from the data the transaction reads (ADR 005).
import { sql } from "drizzle-orm";
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
  /** Called once after every attempt's transaction, written, stale or failed. */
  settled?: (prepared: P) => void,
): Promise<R | { ok: false; message: string }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const prepared = await prepare(attempt);
    try {
      return await writeTogether((tx) => {
        const result = write(tx, prepared);
        // Thrown, not returned: whatever the callback wrote before it noticed is rolled back.
        if (result === STALE) throw staleAttempt;
        return result;
      });
    } catch (error) {
      if (error !== staleAttempt) throw error;
    } finally {
      settled?.(prepared);
    }
  }
  return { ok: false, message: changedMessage };
}

const staleAttempt = new Error("mail was rendered from data that has changed since");

// ---- Group commit ----
// A commit waits for the disk (synchronous = FULL, ADR 003), about a millisecond or more each: a
// thousand members enrolling at once would queue a second of flushes. Writes that are ready in the
// same turn of the event loop therefore share one IMMEDIATE transaction, each in its own savepoint:
// one that throws (or is stale) is rolled back alone, the others commit together, and every caller
// hears its outcome only after the commit. They run in the order they became ready, each reading
// what the ones before it wrote, exactly as separate transactions in that order would.

type Waiting = {
  work: (tx: Db) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

let waiting: Waiting[] = [];
let flushScheduled = false;

function writeTogether<T>(work: (tx: Db) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
}

function flush() {
  flushScheduled = false;
  const batch = waiting;
  waiting = [];
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    writeTransaction((tx) => {
      for (const item of batch) {
        tx.run(sql.raw("SAVEPOINT write_together"));
        try {
          const value = item.work(tx);
          tx.run(sql.raw("RELEASE write_together"));
          outcomes.push({ ok: true, value });
        } catch (error) {
          tx.run(sql.raw("ROLLBACK TO write_together"));
          tx.run(sql.raw("RELEASE write_together"));
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // BEGIN or COMMIT failed: nothing of the batch was written.
    for (const item of batch) item.reject(error);
    return;
  }
  batch.forEach((item, index) => {
    const outcome = outcomes[index]!;
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });
}

/** The mails to queue, or STALE when they were rendered from other data than the transaction reads. */
export function take(
  candidate: Candidate | null | undefined,
  basis: string,
): RenderedMail[] | Stale {
  return candidate && candidate.basis === basis ? candidate.mails : STALE;
}
