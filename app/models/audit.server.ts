// Writing and reading the append-only audit log.
import { and, count, desc, eq, gte } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { auditLog, type AuditResult } from "#db/schema.ts";

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

export function recordAudit(db: Db, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId == null ? null : String(entry.objectId),
      result: entry.result,
      origin: entry.origin,
      details: entry.details ? JSON.stringify(entry.details) : null,
      ...(entry.at ? { at: entry.at.toISOString() } : {}),
    })
    .run();
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
