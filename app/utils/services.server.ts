// What runs beside the HTTP handler: the database check at start and the mail sender.
import { closeDb, getSqlite } from "#db/client.server.ts";
import { startOutboxSender } from "#app/mail/sender.server.ts";

export type RunningServices = { stop: () => Promise<void> };

/** Opens the database (which refuses wrong settings) and starts the background work. */
export function startServices(): RunningServices {
  getSqlite();
  const sender = startOutboxSender();
  return {
    async stop() {
      await sender.stop();
      closeDb();
    },
  };
}
