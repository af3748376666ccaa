// An administrator's changes to departments: each decides on current data and writes the change and
// its audit row in one immediate transaction, so the log never disagrees with the data.
import { getDb, writeTransaction, type Db } from "#db/client.server.ts";
import { recordAudit, type AuditEntry } from "#app/models/audit.server.ts";
import {
  deleteDepartment,
  departmentUsage,
  findDepartmentByCode,
  getDepartment,
  insertDepartment,
  updateDepartment,
  type Department,
  type DepartmentFields,
  type DepartmentUsage,
} from "#app/models/departments.server.ts";

type Actor = { id: number };

export type DepartmentResult<T = undefined> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason: "not_found" | "duplicate_code" | "in_use";
      field?: "code" | "name";
      message: string;
    };

const notFound = {
  ok: false,
  reason: "not_found",
  message: "Deze afdeling bestaat niet.",
} as const;

export function duplicateCodeMessage(code: string): string {
  return `Er bestaat al een afdeling met de code ${code}. Kies een andere code.`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why a department cannot be deleted, or null when nothing refers to it. */
export function departmentInUseMessage(usage: DepartmentUsage): string | null {
  const parts = [
    usage.users > 0 ? count(usage.users, "gebruiker", "gebruikers") : null,
    usage.expenses > 0 ? count(usage.expenses, "uitgave", "uitgaven") : null,
    usage.enrolments > 0 ? count(usage.enrolments, "inschrijving", "inschrijvingen") : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} en ${parts.at(-1)}`;
  const total = usage.users + usage.expenses + usage.enrolments;
  return (
    `Deze afdeling kan niet worden verwijderd, want er ${total === 1 ? "verwijst" : "verwijzen"} ` +
    `nog ${list} naar. Code en naam kunt u wel wijzigen.`
  );
}

/** The 404 of the department pages. */
export function departmentNotFoundResponse(): Response {
  return new Response("Deze afdeling bestaat niet.", { status: 404 });
}

/** The department named by a route's `id` parameter; throws a 404 when there is none. */
export function requireDepartment(params: { id?: string }): Department {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw departmentNotFoundResponse();
  const department = getDepartment(getDb(), id);
  if (!department) throw departmentNotFoundResponse();
  return department;
}

function values(department: DepartmentFields): DepartmentFields {
  return { code: department.code, name: department.name };
}

function auditSuccess(
  tx: Db,
  actor: Actor,
  address: string,
  now: Date,
  entry: Pick<AuditEntry, "action" | "objectId" | "details">,
) {
  recordAudit(tx, {
    actorId: actor.id,
    objectType: "department",
    ...entry,
    result: "success",
    origin: address,
    at: now,
  });
}

export function createDepartment(
  input: DepartmentFields,
  actor: Actor,
  address: string,
  now = new Date(),
): DepartmentResult<{ id: number }> {
  return writeTransaction((tx) => {
    // Inside the immediate transaction: two administrators cannot both take the same code.
    if (findDepartmentByCode(tx, input.code)) {
      return {
        ok: false as const,
        reason: "duplicate_code" as const,
        field: "code" as const,
        message: duplicateCodeMessage(input.code),
      };
    }
    const department = insertDepartment(tx, values(input));
    auditSuccess(tx, actor, address, now, {
      action: "department_created",
      objectId: department.id,
      details: { after: values(input) },
    });
    return { ok: true as const, value: { id: department.id } };
  });
}

/** Saves code and name; `changed` is false when nothing differed (then nothing is written or logged). */
export function saveDepartment(
  id: number,
  input: DepartmentFields,
  actor: Actor,
  address: string,
  now = new Date(),
): DepartmentResult<{ changed: boolean }> {
  return writeTransaction((tx) => {
    const department = getDepartment(tx, id);
    if (!department) return notFound;
    if (findDepartmentByCode(tx, input.code, id)) {
      return {
        ok: false as const,
        reason: "duplicate_code" as const,
        field: "code" as const,
        message: duplicateCodeMessage(input.code),
      };
    }
    const before = values(department);
    const after = values(input);
    if (before.code === after.code && before.name === after.name) {
      return { ok: true as const, value: { changed: false } };
    }
    updateDepartment(tx, id, after);
    auditSuccess(tx, actor, address, now, {
      action: "department_updated",
      objectId: id,
      details: { before, after },
    });
    return { ok: true as const, value: { changed: true } };
  });
}

/**
 * Deletes a department that nothing refers to. Users, expenses and enrolments keep their department
 * for the reports, so a department in use can only be renamed.
 */
export function removeDepartment(
  id: number,
  actor: Actor,
  address: string,
  now = new Date(),
): DepartmentResult<{ code: string }> {
  return writeTransaction((tx) => {
    const department = getDepartment(tx, id);
    if (!department) return notFound;
    const inUse = departmentInUseMessage(departmentUsage(tx, id));
    if (inUse) return { ok: false as const, reason: "in_use" as const, message: inUse };
    deleteDepartment(tx, id);
    auditSuccess(tx, actor, address, now, {
      action: "department_deleted",
      objectId: id,
      details: { before: values(department) },
    });
    return { ok: true as const, value: { code: department.code } };
  });
}
