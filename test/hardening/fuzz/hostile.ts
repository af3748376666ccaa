// Hostile form values and keys for the action fuzz, and the markers that must never be stored.
import fc from "fast-check";

/** Values that only ever travel in fields an action must ignore; finding one in a row is a leak. */
export const MARKER_ID = 987_654;
export const MARKER_AMOUNT = 987_654_321;
export const MARKER_TEXT = "FUZZ-FORBIDDEN-7f3a";

const KB = 1024;

function huge(): string[] {
  return [
    "A".repeat(120 * KB),
    "<script>alert('xss')</script>".repeat(4_500),
    "€ 9.999.999,99 ".repeat(8_000),
    "😀".repeat(60 * KB),
    "\u0000".repeat(110 * KB),
    "1".repeat(200 * KB),
    "a, ".repeat(40 * KB),
    "\r\n".repeat(60 * KB),
    `${"x".repeat(120 * KB)}@gilde.example`,
  ];
}

let hugeValues: string[] | undefined;

const markup = [
  "<script>alert('xss')</script>",
  '"><img src=x onerror=alert(1)>',
  "<b>vet</b><i>schuin</i>",
  "javascript:alert(1)",
  "https://evil.example/<script>",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "</textarea><svg onload=alert(1)>",
  "[klik](javascript:alert(1))",
];

const sql = [
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  "1; DELETE FROM expenses",
  '" OR 1=1 --',
  "Robert'); DROP TABLE enrolments;--",
  "1 UNION SELECT hash FROM passwords",
  "%' AND 1=1 --",
];

const control = [
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u001f\u007f",
  "\r\n\r\n",
  "\t\t",
  "\u202eesrever",
  "\ufeffbom",
  "\u200b",
  "\u0085\u2028\u2029",
  " ",
  "   ",
];

// Lone halves of a surrogate pair: not valid UTF-16, and no UTF-8 either.
const surrogates = ["\ud800", "\udfff", "a\ud83d", "\ude00b", "\ud83d\ud83d", "x\udc00y"];

const numbers = [
  "0",
  "-0",
  "-1",
  "1e308",
  "-1e308",
  "NaN",
  "Infinity",
  "-Infinity",
  "9007199254740993",
  "999999999999999999999",
  "0x10",
  "1,5",
  "1.5",
  "1.000.000.000.000,00",
  "-€ 5",
  "€ -0,01",
  "0,001",
  "€ 0,00",
  "-99999999999",
  "2147483648",
  "4294967296",
  "true",
  "false",
  "null",
  "undefined",
];

const datesAndMore = [
  "2026-02-30",
  "9999-12-31T23:59",
  "0000-00-00",
  "2026-13-01",
  "1970-01-01T00:00",
  "2026-03-29T02:30",
  "2026-10-25T02:30",
  "31-12-1999",
  "2026-01-01T00:00:00.000Z",
  "a@b",
  "@",
  "FOO@EXAMPLE.COM ",
  `${"x".repeat(300)}@gilde.example`,
  "[object Object]",
  '{"status":"approved"}',
  "__proto__",
  "constructor",
  "../../etc/passwd",
];

/** One hostile value: huge, markup, SQL, control characters, broken UTF-16, numbers as text, random. */
export function hostileValue(): fc.Arbitrary<string> {
  hugeValues ??= huge();
  return fc.oneof(
    { arbitrary: fc.constantFrom(...hugeValues), weight: 1 },
    { arbitrary: fc.constantFrom(...markup), weight: 2 },
    { arbitrary: fc.constantFrom(...sql), weight: 2 },
    { arbitrary: fc.constantFrom(...control), weight: 2 },
    { arbitrary: fc.constantFrom(...surrogates), weight: 1 },
    { arbitrary: fc.constantFrom(...numbers), weight: 3 },
    { arbitrary: fc.constantFrom(...datesAndMore), weight: 2 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
    {
      arbitrary: fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
        maxLength: 20,
      }),
      weight: 1,
    },
    { arbitrary: fc.integer().map(String), weight: 1 },
    { arbitrary: fc.double().map(String), weight: 1 },
  );
}

/**
 * Fields that try to set what the user may not set. A target leaves out the fields its own form
 * has; the values are the markers, or plain privileged values checked by the target itself.
 */
export const forbiddenExtras: readonly (readonly [string, string])[] = [
  ["status", "approved"],
  ["status", "paid"],
  ["status", "confirmed"],
  ["appRole", "admin"],
  ["role", "admin"],
  ["ogwRole", "ogw_coordinator"],
  ["approverId", String(MARKER_ID)],
  ["approvedBy", String(MARKER_ID)],
  ["approvedById", String(MARKER_ID)],
  ["decidedById", String(MARKER_ID)],
  ["requesterId", String(MARKER_ID)],
  ["requestedById", String(MARKER_ID)],
  ["userId", String(MARKER_ID)],
  ["memberId", String(MARKER_ID)],
  ["amountCents", String(MARKER_AMOUNT)],
  ["paidAmountCents", String(MARKER_AMOUNT)],
  ["budgetId", String(MARKER_ID)],
  ["capacity", String(MARKER_AMOUNT)],
  ["attended", "true"],
  ["attendance", "attended"],
  ["id", String(MARKER_ID)],
  ["significant", "on"],
  ["collegeOutcome", "approved"],
  ["published", "on"],
  ["anonymisedAt", MARKER_TEXT],
  ["name", MARKER_TEXT],
  ["email", `${MARKER_TEXT.toLowerCase()}@evil.example`],
  ["departmentId", String(MARKER_ID)],
  ["rating", "5"],
  ["slug", MARKER_TEXT.toLowerCase()],
  ["reason", MARKER_TEXT],
];

/** Keys that probe the form parser: prototype pollution, huge and negative array indexes. */
export const hostileKeys: readonly string[] = [
  "__proto__",
  "__proto__[status]",
  "__proto__.appRole",
  "constructor[prototype][appRole]",
  "constructor.prototype.isAdmin",
  "marks[99999999].enrolmentId",
  "marks[-1].enrolmentId",
  "targetRoles[5000000]",
  "learningGoalIds[4294967295]",
  "x[99999999]",
  "a[0][0][0][0][0][0][0][0][0][0]",
  "x".repeat(10 * KB),
  "",
  "intent[]",
  "email.length",
];

/** conform's own intents, posted by hand: list operations at absurd places, and broken JSON. */
export const hostileIntents: readonly string[] = [
  '{"type":"insert","payload":{"name":"marks","index":99999999}}',
  '{"type":"insert","payload":{"name":"learningGoalIds","index":4294967295,"defaultValue":"1"}}',
  '{"type":"update","payload":{"name":"x[99999999]","value":"1"}}',
  '{"type":"remove","payload":{"name":"targetRoles","index":-1}}',
  '{"type":"reorder","payload":{"name":"marks","from":0,"to":50000000}}',
  '{"type":"reset","payload":{"name":"__proto__"}}',
  '{"type":"validate","payload":{"name":"email"}}',
  "{not json",
];
