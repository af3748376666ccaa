// Form payloads for the action fuzz, derived from zod 4 schemas: valid-looking values so that some
// payloads pass validation and really write, each field at times replaced by something hostile.
import fc from "fast-check";
import { forbiddenExtras, hostileIntents, hostileKeys, hostileValue } from "./hostile.ts";

/** A form value: text, or a file where the form expects text (multipart only). */
export type FormValue = string | { file: string };
export type Entry = readonly [string, FormValue];
export type Encoding = "urlencoded" | "multipart" | "raw";
export type Payload = { entries: Entry[]; encoding: Encoding };

/** Valid-looking values by field name, for what a schema only knows as a transform (amounts, dates). */
export type Hints = Record<string, fc.Arbitrary<string>>;

type Def = { type: string; [key: string]: unknown };

function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

/** The object shape behind refinements and transforms, or null when the schema is no object. */
export function shapeOf(schema: unknown): Record<string, unknown> | null {
  const def = defOf(schema);
  if (def.type === "object") return def.shape as Record<string, unknown>;
  if (def.type === "pipe") return shapeOf(def.in) ?? shapeOf(def.out);
  if (def.type === "optional" || def.type === "default" || def.type === "nullable")
    return shapeOf(def.innerType);
  return null;
}

function stringBounds(def: Def): { min: number; max: number; email: boolean } {
  let min = 0;
  let max = 60;
  let email = def.format === "email";
  for (const check of (def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ??
    []) {
    const c = check._zod.def;
    if (c.check === "min_length") min = Math.max(min, Number(c.minimum));
    if (c.check === "max_length") max = Math.min(max, Number(c.maximum));
    if (c.check === "length_equals") min = max = Number(c.length);
    if (c.format === "email") email = true;
  }
  return { min, max: Math.max(min, max), email };
}

const leaf = (key: string) => (value: string) => [[key, value] as Entry];

/** The entries one field contributes when filled in well (arrays as repeated or indexed keys). */
export function validEntries(schema: unknown, key: string, hints: Hints): fc.Arbitrary<Entry[]> {
  const name =
    key
      .replace(/\[\d+\]/g, "")
      .split(".")
      .at(-1) ?? key;
  const hint = hints[name];
  if (hint) return hint.map(leaf(key));
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
      return fc.oneof(
        { arbitrary: validEntries(def.innerType, key, hints), weight: 4 },
        { arbitrary: fc.constant([] as Entry[]), weight: 1 },
      );
    case "default":
    case "catch":
      return validEntries(def.innerType, key, hints);
    case "pipe": {
      const out = defOf(def.out);
      // A transform says nothing about its input; a string check after a normalising step does.
      if (out.type === "string") return validEntries(def.out, key, hints);
      return validEntries(def.in, key, hints);
    }
    case "string": {
      const { min, max, email } = stringBounds(def);
      if (email)
        return fc
          .emailAddress()
          .filter((value) => value.length <= max && value.length >= min)
          .map(leaf(key));
      return fc
        .string({ minLength: min, maxLength: Math.max(min, Math.min(max, 60)) })
        .map((value) => (value.trim().length >= min ? value : `${"x".repeat(min)}${value}`))
        .map(leaf(key));
    }
    case "number":
      return fc.integer({ min: 1, max: 500 }).map(String).map(leaf(key));
    case "boolean":
      return fc.constantFrom("on").map(leaf(key));
    case "enum":
      return fc
        .constantFrom(...Object.values(def.entries as Record<string, string>))
        .map(leaf(key));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]).map(String)).map(leaf(key));
    case "array": {
      const element = defOf(def.element);
      if (element.type === "object") {
        return fc
          .integer({ min: 1, max: 3 })
          .chain((count) =>
            fc
              .tuple(
                ...Array.from({ length: count }, (_, index) =>
                  objectEntries(def.element, hints, `${key}[${index}].`),
                ),
              )
              .map((parts) => parts.flat()),
          );
      }
      return fc
        .array(validEntries(def.element, key, hints), { minLength: 1, maxLength: 3 })
        .map((parts) => parts.flat());
    }
    case "object":
      return objectEntries(schema, hints, `${key}.`);
    default:
      return fc.string({ maxLength: 30 }).map(leaf(key));
  }
}

function objectEntries(schema: unknown, hints: Hints, prefix = ""): fc.Arbitrary<Entry[]> {
  const shape = shapeOf(schema) ?? {};
  const fields = Object.entries(shape).map(([name, field]) =>
    validEntries(field, `${prefix}${name}`, hints),
  );
  return fc.tuple(...fields).map((parts) => parts.flat());
}

/** A field filled in well most of the time, else hostile, missing, empty, repeated or a file. */
function fuzzedField(schema: unknown, key: string, hints: Hints): fc.Arbitrary<Entry[]> {
  const valid = validEntries(schema, key, hints);
  const hostile = hostileValue().map(leaf(key));
  return fc.oneof(
    { arbitrary: valid, weight: 12 },
    { arbitrary: hostile, weight: 4 },
    { arbitrary: fc.constant([] as Entry[]), weight: 1 },
    { arbitrary: fc.constant<Entry[]>([[key, ""]]), weight: 1 },
    { arbitrary: fc.tuple(valid, hostile).map(([a, b]) => [...a, ...b]), weight: 1 },
    { arbitrary: fc.tuple(hostile, valid).map(([a, b]) => [...a, ...b]), weight: 1 },
    { arbitrary: fc.constant<Entry[]>([[key, { file: "bestand.pdf" }]]), weight: 1 },
  );
}

export type PayloadSpec = {
  /** The schema the action parses (or one with the same fields); null for a form without fields. */
  schema: unknown;
  intent?: string;
  hints?: Hints;
};

/** Payloads for one action and intent: the form's fields fuzzed, plus forbidden and odd extras. */
export function payloads(spec: PayloadSpec): fc.Arbitrary<Payload> {
  const hints = spec.hints ?? {};
  const shape = spec.schema ? (shapeOf(spec.schema) ?? {}) : {};
  const own = new Set(["intent", ...Object.keys(shape)]);
  const fields = Object.entries(shape)
    .filter(([name]) => name !== "intent")
    .map(([name, field]) => fuzzedField(field, name, hints));
  const intent: fc.Arbitrary<Entry[]> = spec.intent
    ? fc.oneof(
        { arbitrary: fc.constant<Entry[]>([["intent", spec.intent]]), weight: 16 },
        { arbitrary: hostileValue().map(leaf("intent")), weight: 1 },
        { arbitrary: fc.constant([] as Entry[]), weight: 1 },
        {
          arbitrary: fc.constant<Entry[]>([
            ["intent", spec.intent],
            ["intent", "delete"],
          ]),
          weight: 1,
        },
      )
    : fc.oneof(
        { arbitrary: fc.constant([] as Entry[]), weight: 8 },
        { arbitrary: hostileValue().map(leaf("intent")), weight: 1 },
      );
  const extras = forbiddenExtras.filter(([name]) => !own.has(name));
  const extra: fc.Arbitrary<Entry[]> = fc.oneof(
    { arbitrary: fc.constant([] as Entry[]), weight: 2 },
    {
      arbitrary: fc.subarray(extras as Entry[], { minLength: 1 }).map((list) => [...list]),
      weight: 2,
    },
  );
  const odd: fc.Arbitrary<Entry[]> = fc.oneof(
    { arbitrary: fc.constant([] as Entry[]), weight: 9 },
    {
      arbitrary: fc
        .constantFrom(...hostileIntents)
        .map((value) => [["__intent__", value] as Entry]),
      weight: 1,
    },
    {
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...hostileKeys), fc.constantFrom("1", "admin", "")), {
          minLength: 1,
          maxLength: 3,
        })
        .map((list) => list.map(([key, value]) => [key, value] as Entry)),
      weight: 1,
    },
  );
  const encoding = fc.oneof(
    { arbitrary: fc.constant<Encoding>("urlencoded"), weight: 6 },
    { arbitrary: fc.constant<Encoding>("multipart"), weight: 2 },
    { arbitrary: fc.constant<Encoding>("raw"), weight: 2 },
  );
  const valid = Object.entries(shape)
    .filter(([name]) => name !== "intent")
    .map(([name, field]) => validEntries(field, name, hints));
  // A share of payloads is filled in well throughout, so that validation passes and the action
  // really writes: that is where a smuggled field would be stored.
  const body = fc.oneof(
    { arbitrary: fc.tuple(...valid), weight: 3 },
    { arbitrary: fc.tuple(...fields), weight: 7 },
  );
  return fc
    .tuple(intent, body, extra, odd, encoding)
    .map(([intentEntries, fieldEntries, extraEntries, oddEntries, chosen]) => {
      const entries = [...intentEntries, ...fieldEntries.flat(), ...extraEntries, ...oddEntries];
      // Files only travel in multipart bodies; elsewhere such a field is sent as its name.
      const encodingFor = entries.some(([, value]) => typeof value !== "string")
        ? "multipart"
        : chosen;
      return { entries, encoding: encodingFor };
    });
}
