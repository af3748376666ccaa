// Prepared statements for the few queries every enrolment runs several times: built and compiled
// by SQLite once per connection instead of on every call.
import type { Db } from "#db/client.server.ts";

// A transaction shares its connection's session with the database object it was started on, so a
// statement prepared through either runs in whatever transaction the connection has open. drizzle
// keeps the session on `session`, which its types do not show.
type WithSession = { session: object };

const cache = new WeakMap<object, Map<string, unknown>>();

/** The statement `build` prepares, made once per connection and name. */
export function preparedFor<T>(db: Db, name: string, build: (db: Db) => T): T {
  const session = (db as unknown as WithSession).session;
  let statements = cache.get(session);
  if (!statements) {
    statements = new Map();
    cache.set(session, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}
