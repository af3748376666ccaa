// Creates the first real administrator as an invited account and prints the one-time link.
// Usage: npm run db:create-admin -- --email naam@huizen.nl --name "Naam Achternaam" --department P&O
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { generateToken, hashToken } from "../app/utils/crypto-token.server.ts";
import { getEnv } from "../app/utils/env.server.ts";
import { tokenExpiry } from "../app/domain/one-time-token.ts";
import { recordAudit } from "../app/models/audit.server.ts";
import { findUserByEmail, insertOneTimeToken, insertUser } from "../app/models/users.server.ts";
import { emailField, personName } from "../app/utils/schemas.ts";
import { closeDb, getDb, writeTransaction } from "./client.server.ts";
import { runMigrations } from "./migrate.ts";
import { departments } from "./schema.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    department: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const email = emailField.safeParse(values.email ?? "");
if (!email.success) fail(`--email: ${email.error.issues[0]?.message}`);
const name = personName.safeParse(values.name ?? "");
if (!name.success) fail(`--name: ${name.error.issues[0]?.message}`);

runMigrations();
const db = getDb();
const department = values.department
  ? db.select().from(departments).where(eq(departments.code, values.department)).get()
  : undefined;
if (values.department && !department)
  fail(`--department: afdeling ${values.department} bestaat niet (eerst npm run db:seed).`);
if (findUserByEmail(db, email.data)) fail("Er bestaat al een account met dit e-mailadres.");

const token = generateToken();
const now = new Date();
const expiresAt = tokenExpiry("invitation", now);
writeTransaction((tx) => {
  const user = insertUser(tx, {
    email: email.data,
    name: name.data,
    departmentId: department?.id ?? null,
    ogwRole: "employee",
    appRole: "admin",
    status: "invited",
  });
  insertOneTimeToken(tx, {
    id: hashToken(token),
    userId: user.id,
    purpose: "invitation",
    createdAt: now,
    expiresAt,
  });
  recordAudit(tx, {
    actorId: null,
    action: "user_invited",
    objectType: "user",
    objectId: user.id,
    result: "success",
    origin: "command line",
    details: { after: { appRole: "admin" } },
    at: now,
  });
});
closeDb();
console.log(
  `Beheerder ${name.data} aangemaakt. Stel het wachtwoord in via (eenmalig, 7 dagen geldig):`,
);
console.log(new URL(`/uitnodiging/${token}`, getEnv().APP_URL).toString());
