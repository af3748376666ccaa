// One process of the concurrency test: approves a list of expenses through the app's own service,
// on its own connection (DATABASE_PATH), as one coordinator.
//
//   tsx test/support/approve-worker.ts
//
// It prints "ready" once its modules are loaded and its connection is open, then waits for one
// line on stdin, { "approverId": …, "expenseIds": [ … ] }, so that all processes start at the same
// moment. It ends with one JSON line: the outcome of every attempt.
import readline from "node:readline";
import { closeDb, getDb } from "#db/client.server.ts";
import { findUserById } from "#app/models/users.server.ts";
import { approveExpense } from "#app/utils/expenses.server.ts";

export type WorkerOrder = { approverId: number; expenseIds: number[] };
export type WorkerAttempt = { expenseId: number; ok: boolean; message: string | null };
export type WorkerReport = { pid: number; attempts: WorkerAttempt[]; errors: string[] };

getDb();
const input = readline.createInterface({ input: process.stdin });
const order = new Promise<WorkerOrder>((resolve) =>
  input.once("line", (line) => resolve(JSON.parse(line) as WorkerOrder)),
);
console.log("ready");
const { approverId, expenseIds } = await order;
input.close();

const approver = findUserById(getDb(), approverId);
if (!approver) throw new Error(`No user ${approverId} in ${process.env.DATABASE_PATH}`);

const report: WorkerReport = { pid: process.pid, attempts: [], errors: [] };
for (const expenseId of expenseIds) {
  try {
    const result = await approveExpense(expenseId, approver, `worker-${process.pid}`);
    report.attempts.push({ expenseId, ok: result.ok, message: result.ok ? null : result.message });
  } catch (error) {
    // SQLITE_BUSY or anything else unexpected: reported, so that the test fails with the reason.
    report.errors.push(`${expenseId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
closeDb();
console.log(JSON.stringify(report));
