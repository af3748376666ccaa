// Fills the database from content/ and, in demo mode, adds demo accounts, colleagues, their history
// and their profiles. Safe to run again.
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { hashPassword } from "../app/utils/password.server.ts";
import { getEnv } from "../app/utils/env.server.ts";
import { loadContentPages, loadDepartments } from "../app/utils/content.server.ts";
import type { AppRole, OgwRole } from "../app/domain/roles.ts";
import { closeDb, writeTransaction } from "./client.server.ts";
import { runMigrations } from "./migrate.ts";
import { seedBudget } from "./seed-budget.ts";
import { seedCatalogue } from "./seed-catalogue.ts";
import { seedEnrolments } from "./seed-enrolments.ts";
import { seedProfiles } from "./seed-profiles.ts";
import { departments, passwords, users } from "./schema.ts";
import { upsertContentPage } from "../app/models/content-pages.server.ts";

export const DEMO_PASSWORD = "gilde-demo-2023";

export const demoAccounts: {
  email: string;
  name: string;
  appRole: AppRole;
  ogwRole: OgwRole;
  departmentCode: string;
}[] = [
  {
    email: "medewerker@gilde.example",
    name: "Sanne de Vries",
    appRole: "member",
    ogwRole: "employee",
    departmentCode: "MO/MB",
  },
  {
    email: "coordinator@gilde.example",
    name: "Joris Bakker",
    appRole: "coordinator",
    ogwRole: "opgave_director",
    departmentCode: "OMG/OW",
  },
  {
    email: "po@gilde.example",
    name: "Fatima El Amrani",
    appRole: "hr",
    ogwRole: "line_manager",
    departmentCode: "P&O",
  },
  {
    email: "beheer@gilde.example",
    name: "Pieter Jansen",
    appRole: "admin",
    ogwRole: "steering_professional",
    departmentCode: "OOV",
  },
];

export function seedContent() {
  const loadedDepartments = loadDepartments();
  const pages = loadContentPages();
  writeTransaction((tx) => {
    // Only what is missing: after the first seed the administrator maintains the departments
    // (/beheer/afdelingen), and a second seed must not undo a new name.
    for (const department of loadedDepartments) {
      tx.insert(departments)
        .values({ code: department.code, name: department.name })
        .onConflictDoNothing({ target: departments.code })
        .run();
    }
    for (const page of pages) upsertContentPage(tx, page);
  });
  return { departments: loadedDepartments.length, pages: pages.length };
}

export async function seedDemoAccounts() {
  const hash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  writeTransaction((tx) => {
    for (const account of demoAccounts) {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, account.email)).get())
        continue;
      const department = tx
        .select({ id: departments.id })
        .from(departments)
        .where(eq(departments.code, account.departmentCode))
        .get();
      const user = tx
        .insert(users)
        .values({
          email: account.email,
          name: account.name,
          appRole: account.appRole,
          ogwRole: account.ogwRole,
          departmentId: department?.id ?? null,
          status: "active",
        })
        .returning({ id: users.id })
        .get();
      tx.insert(passwords).values({ userId: user.id, hash }).run();
      created += 1;
    }
  });
  return created;
}

export async function seed() {
  runMigrations();
  const content = seedContent();
  const catalogue = seedCatalogue();
  const demo = getEnv().APP_MODE === "demo" ? await seedDemoAccounts() : 0;
  // After the catalogue and the demo accounts: the demo history links to both.
  const budget = await seedBudget();
  // Then the enrolments: the paid request needs the budget, and the history's sessions are already held.
  const enrolments =
    getEnv().APP_MODE === "demo"
      ? await seedEnrolments()
      : { colleaguesCreated: 0, enrolmentsCreated: 0 };
  // After the enrolments: former members are chosen among colleagues with nothing to come.
  const profiles = getEnv().APP_MODE === "demo" ? seedProfiles() : { profilesFilled: 0 };
  return {
    ...content,
    ...catalogue,
    demoAccountsCreated: demo,
    ...budget,
    ...enrolments,
    ...profiles,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await seed();
  closeDb();
  console.log(
    `Seed klaar: ${result.departments} afdelingen, ${result.pages} inhoudspagina's, ${result.learningGoals} leerdoelen, ` +
      `${result.coursesCreated} nieuwe activiteiten met ${result.sessionsCreated} sessies, ` +
      `${result.demoAccountsCreated} nieuwe demo-accounts, ${result.colleaguesCreated} nieuwe collega's, ` +
      `${result.enrolmentsCreated} nieuwe inschrijvingen, ${result.profilesFilled} ledenprofielen ingevuld` +
      (result.budgetCreated
        ? `, het opleidingsbudget met ${result.expensesCreated} uitgaven.`
        : "."),
  );
}
