// The environment, parsed once. Defaults are the embedded demo setup, so a fresh clone runs as is.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().default("http://localhost:3000"),
  DATABASE_PATH: z.string().min(1).default("data/gildeportaal.db"),
  SMTP_URL: z
    .string()
    .optional()
    .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined))
    .refine(
      (value) => value === undefined || /^smtps?:\/\/[^\s]+$/.test(value),
      "SMTP_URL moet beginnen met smtp:// of smtps://",
    ),
  MAIL_FROM: z.string().min(3).default("Gildeportaal OGW <gilde@huizen.example>"),
  APP_MODE: z.enum(["demo", "live"]).default("demo"),
  // Structured JSON log lines on stdout; "silent" turns them off (tests do unless they capture).
  LOG_LEVEL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ),
});

export type Env = Omit<z.infer<typeof schema>, "LOG_LEVEL"> & {
  LOG_LEVEL: NonNullable<z.infer<typeof schema>["LOG_LEVEL"]>;
};

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join(".")}: ${issue.message}`,
      );
      throw new Error(`Ongeldige configuratie:\n${problems.join("\n")}`);
    }
    // Test runs stay quiet unless a test asks for the log lines.
    const logLevel = parsed.data.LOG_LEVEL ?? (parsed.data.NODE_ENV === "test" ? "silent" : "info");
    cached = { ...parsed.data, LOG_LEVEL: logLevel };
  }
  return cached;
}

/** Only for tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}

export function appOrigin(): string {
  return new URL(getEnv().APP_URL).origin;
}

export function isHttps(): boolean {
  return new URL(getEnv().APP_URL).protocol === "https:";
}

/** The outbox page and similar helpers exist in development and in the demo, never in live production. */
export function developmentToolsEnabled(): boolean {
  const env = getEnv();
  return env.NODE_ENV !== "production" || env.APP_MODE === "demo";
}
