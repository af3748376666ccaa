// Queries for departments and for what refers to them. No business rules here.
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { departments, enrolments, expenses, users } from "#db/schema.ts";

export type Department = typeof departments.$inferSelect;
export type DepartmentFields = { code: string; name: string };

/** Every department with the number of its active users, by code. */
export function listDepartmentsWithActiveUsers(db: Db) {
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      activeUsers: sql<number>`count(${users.id})`,
    })
    .from(departments)
    .leftJoin(users, and(eq(users.departmentId, departments.id), eq(users.status, "active")))
    .groupBy(departments.id)
    .orderBy(asc(departments.code))
    .all();
}

export function getDepartment(db: Db, id: number): Department | undefined {
  return db.select().from(departments).where(eq(departments.id, id)).get();
}

/** The department with this code, ignoring capitals; optionally other than `exceptId`. */
export function findDepartmentByCode(
  db: Db,
  code: string,
  exceptId?: number,
): Department | undefined {
  const sameCode = eq(sql`upper(${departments.code})`, code.toUpperCase());
  return db
    .select()
    .from(departments)
    .where(exceptId === undefined ? sameCode : and(sameCode, ne(departments.id, exceptId)))
    .get();
}

export type DepartmentUsage = {
  users: number;
  activeUsers: number;
  expenses: number;
  enrolments: number;
};

/** How many rows refer to the department; any user counts, whatever their status. */
export function departmentUsage(db: Db, id: number): DepartmentUsage {
  const userCounts = db
    .select({
      all: count(),
      active: sql<number>`coalesce(sum(case when ${users.status} = 'active' then 1 else 0 end), 0)`,
    })
    .from(users)
    .where(eq(users.departmentId, id))
    .get();
  const expenseCount = db
    .select({ n: count() })
    .from(expenses)
    .where(eq(expenses.departmentId, id))
    .get();
  const enrolmentCount = db
    .select({ n: count() })
    .from(enrolments)
    .where(eq(enrolments.departmentId, id))
    .get();
  return {
    users: userCounts?.all ?? 0,
    activeUsers: userCounts?.active ?? 0,
    expenses: expenseCount?.n ?? 0,
    enrolments: enrolmentCount?.n ?? 0,
  };
}

export function insertDepartment(db: Db, fields: DepartmentFields): Department {
  return db.insert(departments).values(fields).returning().get();
}

export function updateDepartment(db: Db, id: number, fields: DepartmentFields) {
  db.update(departments).set(fields).where(eq(departments.id, id)).run();
}

export function deleteDepartment(db: Db, id: number) {
  db.delete(departments).where(eq(departments.id, id)).run();
}
