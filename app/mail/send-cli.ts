// `npm run mail:send`: delivers the due outbox once, prints what happened, exits 1 if mail was left undelivered.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runMailSendCommand } from "./send-command.server.ts";

try {
  process.loadEnvFile(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.env"));
} catch {
  // No .env: the defaults in env.server.ts apply, as for the server.
}

process.exitCode = await runMailSendCommand();
