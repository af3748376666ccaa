// Writing and reading the append-only audit log.
import { and, count, desc, eq, gte } from "drizzle-orm";
import type Database from "better-sqlite3";
import { getSqlite, type Db } from "#db/client.server.ts";
import { auditLog, type AuditResult } from "#db/schema.ts";
import { getLogger } from "#app/utils/logger.server.ts";

export type AuditEntry = {
  actorId: number | null;
  action: string;
  objectType: string;
  objectId?: string | number | null;
  result: AuditResult;
  origin: string | null;
  details?: Record<string, unknown>;
  at?: Date;
};

/**
 * Appends one audit row and writes the same fields as a JSON log line. Inside a transaction the
 * line waits until the transaction has ended and is written only if the row was committed, so the
 * log never shows a change that was rolled back.
 */
export function recordAudit(db: Db, entry: AuditEntry) {
  // Always set here rather than by the column default, so the row and the log line agree exactly.
  const at = (entry.at ?? new Date()).toISOString();
  const row = db
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId == null ? null : String(entry.objectId),
      result: entry.result,
      origin: entry.origin,
      details: entry.details ? JSON.stringify(entry.details) : null,
      at,
    })
    .returning({ id: auditLog.id, objectId: auditLog.objectId })
    .get();
  const line: AuditLogLine = {
    audit: true,
    auditId: row.id,
    action: entry.action,
    objectType: entry.objectType,
    objectId: row.objectId,
    result: entry.result,
    origin: entry.origin,
    actorId: entry.actorId,
    at,
  };
  // A transaction object has no client of its own; transactions run on the app's one connection.
  const sqlite = (db as { $client?: Database.Database }).$client ?? getSqlite();
  if (!sqlite.inTransaction) {
    logAudit(line);
    return;
  }
  // better-sqlite3 transactions are synchronous: by the next microtask this one has ended.
  queueMicrotask(() => {
    let committed = true;
    try {
      // Compared by content too: after a rollback the same id can be handed out again.
      const stored = auditRowQuery(sqlite).get(row.id) as
        { action: string; at: string } | undefined;
      committed = stored?.action === line.action && stored.at === line.at;
    } catch {
      // The connection was closed in between (shutdown); the row was committed before that.
    }
    if (committed) logAudit(line);
  });
}

/** The fields of an audit row as they appear in the log. */
export type AuditLogLine = {
  audit: true;
  auditId: number;
  action: string;
  objectType: string;
  objectId: string | null;
  result: AuditResult;
  origin: string | null;
  actorId: number | null;
  at: string;
};

const auditRowQueries = new WeakMap<Database.Database, Database.Statement<[number]>>();

function auditRowQuery(sqlite: Database.Database) {
  let statement = auditRowQueries.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare<[number]>("SELECT action, at FROM audit_log WHERE id = ?");
    auditRowQueries.set(sqlite, statement);
  }
  return statement;
}

function logAudit(line: AuditLogLine) {
  getLogger().info(line, `audit ${line.action} ${line.result}`);
}

export function countAuditSince(
  db: Db,
  filter: { action: string; result: AuditResult; since: Date } & (
    { objectId: string; origin?: undefined } | { origin: string; objectId?: undefined }
  ),
): number {
  const conditions = [
    eq(auditLog.action, filter.action),
    eq(auditLog.result, filter.result),
    gte(auditLog.at, filter.since.toISOString()),
  ];
  if (filter.objectId !== undefined) conditions.push(eq(auditLog.objectId, filter.objectId));
  if (filter.origin !== undefined) conditions.push(eq(auditLog.origin, filter.origin));
  const row = db
    .select({ n: count() })
    .from(auditLog)
    .where(and(...conditions))
    .get();
  return row?.n ?? 0;
}

export function listAudit(db: Db, options: { limit: number; offset: number }) {
  return db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(options.limit)
    .offset(options.offset)
    .all();
}
