// What runs beside the HTTP handler: the database check at start and the mail sender.
import { closeDb, getSqlite } from "#db/client.server.ts";
import { startOutboxSender } from "#app/mail/sender.server.ts";
import { getLogger } from "#app/utils/logger.server.ts";

export type RunningServices = { stop: () => Promise<void> };

/** Opens the database (which refuses wrong settings) and starts the background work. */
export function startServices(): RunningServices {
  getSqlite();
  const sender = startOutboxSender();
  let stopped: Promise<void> | undefined;
  return {
    /** After the HTTP server has drained: the sender finishes its current message, then the database closes. */
    stop() {
      stopped ??= (async () => {
        await sender.stop();
        const sqlite = getSqlite();
        // Fold the WAL into the database file, so that the file alone is complete after a stop.
        const [checkpoint] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as {
          busy: number;
          log: number;
          checkpointed: number;
        }[];
        closeDb();
        getLogger().info({ checkpoint }, "Database gesloten.");
      })();
      return stopped;
    },
  };
}
