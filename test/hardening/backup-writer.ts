// The writing app of the backup test: 10 000 small write transactions (expense requests and their
// approvals with a ledger commitment), through the app's client and the services' own writes.
//
//   node --import tsx test/hardening/backup-writer.ts   (DATABASE_PATH; WRITES, default 10 000)
//
// After each COMMIT it prints `W <n> request <expenseId>` or `W <n> approve <expenseId> <ledgerId>`.
// A line `mark` on stdin is answered with `M <n>`: the number of writes committed so far, so the
// parent knows a bound on what a backup taken before that moment can contain. It ends with `done`.
import fs from "node:fs";
import readline from "node:readline";
import pino from "pino";
import { closeDb, getDb, getSqlite, writeTransaction } from "#db/client.server.ts";
import { getExpense, insertExpense } from "#app/models/budget.server.ts";
import { findUserById } from "#app/models/users.server.ts";
import { setLogDestination } from "#app/utils/logger.server.ts";
import { commitApproval } from "#app/utils/expenses.server.ts";

const WRITES = Number(process.env.WRITES ?? 10_000);

setLogDestination(pino.destination({ dest: 2, sync: true }), "warn");

function emit(line: string) {
  const buffer = Buffer.from(`${line}\n`);
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(1, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

const db = getDb();
const sqlite = getSqlite();
const coordinators = sqlite
  .prepare("SELECT id FROM users WHERE app_role = 'coordinator' ORDER BY id LIMIT 2")
  .all() as { id: number }[];
const requester = findUserById(db, coordinators[0]!.id)!;
const approver = findUserById(db, coordinators[1]!.id)!;
const budgetId = (sqlite.prepare("SELECT max(id) AS id FROM budgets").get() as { id: number }).id;

let written = 0;
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "mark") emit(`M ${written}`);
});
emit("ready");

let expenseId = 0;
while (written < WRITES) {
  const n = written + 1;
  if (n % 2 === 1) {
    expenseId = writeTransaction(
      (tx) =>
        insertExpense(tx, {
          budgetId,
          description: `Schrijftest ${n}`,
          supplier: "Bureau Schrijf",
          kind: "other",
          amountCents: 1_000 + (n % 997),
          requestedById: requester.id,
          departmentId: requester.departmentId,
          ogwRole: requester.ogwRole,
          status: "requested",
          requestedAt: new Date().toISOString(),
        }).id,
    );
    written = n;
    emit(`W ${n} request ${expenseId}`);
  } else {
    const ledgerId = writeTransaction((tx) => {
      commitApproval(tx, getExpense(tx, expenseId)!, approver, new Date());
      // The same connection, inside the transaction: the entry just written.
      return (sqlite.prepare("SELECT max(id) AS id FROM ledger_entries").get() as { id: number })
        .id;
    });
    written = n;
    emit(`W ${n} approve ${expenseId} ${ledgerId}`);
  }
  // Lets a `mark` from the parent in between two transactions.
  await new Promise((resolve) => setImmediate(resolve));
}
closeDb();
emit("done");
process.exit(0);
