// Prepares the browser journeys: checks Chromium and the build, seeds a fresh database and starts the
// production server on a free port. A second server with its own copy of the database serves the
// throttling journey only, because sign-in failures count per network address and every browser
// request comes from this machine: ten failures there would lock the other journeys out.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** http://localhost:PORT of the server most journeys use. */
    e2eBaseUrl: string;
    /** Its SQLite file, for reading the outbox and counting rows. */
    e2eDatabasePath: string;
    /** A second server, with a database of its own, for the throttling journey. */
    e2eThrottleBaseUrl: string;
    e2eThrottleDatabasePath: string;
    /** The Chromium binary the journeys launch. */
    e2eChromiumPath: string;
  }
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const e2eDir = path.join(projectRoot, "tmp", "e2e");
const START_TIMEOUT_MS = 30_000;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Geen vrije poort gevonden."));
      });
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(geen log)";
  }
}

function seed(databasePath: string) {
  const result = spawnSync(path.join(projectRoot, "node_modules/.bin/tsx"), ["db/seed.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_PATH: databasePath, APP_MODE: "demo" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `Het vullen van de testdatabase (db/seed.ts) is mislukt (code ${result.status}):\n${result.stdout}\n${result.stderr}\n${result.error ?? ""}`,
    );
  }
}

type RunningServer = { baseUrl: string; child: ChildProcess; log: fs.WriteStream };

async function startServer(databasePath: string, logFile: string): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const log = fs.createWriteStream(logFile);
  const child = spawn(process.execPath, ["app/server.mjs"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseUrl,
      DATABASE_PATH: databasePath,
      APP_MODE: "demo",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited: string | null = null;
  child.on("exit", (code, signal) => {
    exited = `code ${code ?? "–"}, signaal ${signal ?? "–"}`;
  });

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      throw new Error(
        `De testserver stopte tijdens het starten (${exited}). Laatste regels van ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/`, {
        redirect: "manual",
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      return { baseUrl, child, log };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stopServer({ baseUrl, child, log });
      throw new Error(
        `De testserver antwoordde niet binnen ${START_TIMEOUT_MS / 1000} s. Laatste regels van ${logFile}:\n${tail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopServer(server: RunningServer) {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killTimer);
  }
  await new Promise<void>((resolve) => server.log.end(resolve));
}

export default async function setup(project: TestProject) {
  const chromium = chromiumPath();
  if (!fs.existsSync(chromium)) {
    throw new Error(
      `Chromium ontbreekt voor de browsertests (gezocht: ${chromium}). Installeer het met: sudo apt-get install -y chromium (of zet CHROMIUM_PATH)`,
    );
  }
  if (!fs.existsSync(path.join(projectRoot, "build/server/index.js"))) {
    throw new Error("Eerst bouwen: npm run build");
  }

  fs.mkdirSync(e2eDir, { recursive: true });
  const databasePath = path.join(e2eDir, "e2e.db");
  const throttleDatabasePath = path.join(e2eDir, "e2e-throttle.db");
  removeDatabase(databasePath);
  removeDatabase(throttleDatabasePath);
  seed(databasePath);
  // The seed closes its connection, which normally folds the WAL into the file; copy a leftover WAL too.
  fs.copyFileSync(databasePath, throttleDatabasePath);
  if (fs.existsSync(`${databasePath}-wal`))
    fs.copyFileSync(`${databasePath}-wal`, `${throttleDatabasePath}-wal`);

  const servers: RunningServer[] = [];
  const stopAll = async () => {
    await Promise.all(servers.map((server) => stopServer(server)));
  };
  try {
    servers.push(await startServer(databasePath, path.join(e2eDir, "server.log")));
    servers.push(await startServer(throttleDatabasePath, path.join(e2eDir, "server-throttle.log")));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const [main, throttle] = servers as [RunningServer, RunningServer];

  project.provide("e2eBaseUrl", main.baseUrl);
  project.provide("e2eDatabasePath", databasePath);
  project.provide("e2eThrottleBaseUrl", throttle.baseUrl);
  project.provide("e2eThrottleDatabasePath", throttleDatabasePath);
  project.provide("e2eChromiumPath", chromium);

  return stopAll;
}
