// Structured JSON logging (pino) for the HTTP server, the mail sender and the audit trail.
import { Writable } from "node:stream";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { getEnv } from "#app/utils/env.server.ts";

export type LogLevel = Level | "silent";
export type { Logger };

// Links in mails carry single-use tokens in the path; a log line keeps the route, never the token.
const TOKEN_PATH = /(\/(?:wachtwoord-herstellen|uitnodiging)\/)[^/?#\s"']+/g;
export const REDACTED = "[verborgen]";

/** The path with the tokens of invitation and reset links replaced, and without the query string. */
export function redactPath(url: string): string {
  const withoutQuery = url.split(/[?#]/, 1)[0] ?? "";
  return withoutQuery.replace(TOKEN_PATH, `$1${REDACTED}`);
}

// Secrets by field name, at the top level, one level down and in request/response headers.
const SECRET_FIELDS = [
  "password",
  "newPassword",
  "passwordHash",
  "token",
  "cookie",
  "authorization",
];
const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.headers.${field}`]),
  '["set-cookie"]',
  '*.headers["set-cookie"]',
];

const PATH_FIELDS = ["path", "url", "location"] as const;

export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}) {
  return pino(
    {
      level: options.level ?? defaultLevel(),
      base: { app: "gildeportaal" },
      // UTC ISO-8601, the same form as audit_log.at.
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        err: pino.stdSerializers.err,
        ...Object.fromEntries(
          PATH_FIELDS.map((field) => [
            field,
            (value: unknown) => (typeof value === "string" ? redactPath(value) : value),
          ]),
        ),
      },
    },
    // Synchronous writes: a line logged just before process.exit is not lost.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function defaultLevel(): LogLevel {
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    // A broken configuration is reported by whoever reads it first; logging still works.
    return "info";
  }
}

let current: Logger | undefined;

/** The process-wide logger, created on first use. */
export function getLogger(): Logger {
  current ??= createLogger();
  return current;
}

/**
 * Only for tests: sends every later log line to `destination` (at `level`, default info), or back
 * to stdout with the configured level when called without arguments.
 */
export function setLogDestination(destination?: DestinationStream, level: LogLevel = "info") {
  current = destination ? createLogger({ destination, level }) : undefined;
}

/** Only for tests: collects every later log line until `stop()`; `lines()` parses them. */
export function captureLogs(level: LogLevel = "info") {
  let text = "";
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  setLogDestination(destination, level);
  return {
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => setLogDestination(),
  };
}
