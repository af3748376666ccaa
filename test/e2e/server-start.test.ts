// The production server refuses to start on a database that does not have the required settings.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("server start", () => {
  it("exits with a clear message when the database cannot run in WAL mode", () => {
    // An in-memory database reports journal_mode "memory": the settings check must refuse it.
    const result = spawnSync(process.execPath, ["app/server.mjs"], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: "39999",
        DATABASE_PATH: ":memory:",
        SMTP_URL: "",
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Het Gildeportaal start niet");
    expect(result.stderr).toContain("journal_mode");
    expect(result.stdout).not.toContain("draait op");
  });
});
