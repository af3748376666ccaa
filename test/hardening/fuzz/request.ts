// Turns a fuzz payload into the POST request a browser (or an attacker) could send.
import { APP } from "#test/factories.ts";
import type { Payload } from "./zod-arbitrary.ts";

/** Percent-encodes like a form, but sends lone surrogates as the (invalid) UTF-8 bytes they would be. */
function rawEncode(text: string): string {
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(index, index + 2));
      index++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xed, 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      out += bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(text[index]!).replace(/%20/g, "+");
    }
  }
  return out;
}

export function fuzzRequest(
  path: string,
  payload: Payload,
  options: { cookie?: string; origin?: string } = {},
): Request {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  headers.set("Origin", options.origin ?? APP);
  let body: BodyInit;
  if (payload.encoding === "multipart") {
    const form = new FormData();
    for (const [key, value] of payload.entries) {
      if (typeof value === "string") form.append(key, value);
      else form.append(key, new File([`%PDF-1.4 ${"\u0000".repeat(64)}`], value.file));
    }
    body = form;
  } else if (payload.encoding === "raw") {
    const pairs = payload.entries.map(
      ([key, value]) => `${rawEncode(key)}=${rawEncode(typeof value === "string" ? value : "")}`,
    );
    // Broken escapes and empty pairs, which a hand-made request may carry.
    body = [...pairs, "broken=%E0%A4%A", "%%=%", "", "=", "&"].join("&");
    headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
  } else {
    const params = new URLSearchParams();
    for (const [key, value] of payload.entries)
      params.append(key, typeof value === "string" ? value : value.file);
    body = params;
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(new URL(path, APP), { method: "POST", headers, body });
}

/** A short description of a payload for a failure message: keys and the start of each value. */
export function describePayload(payload: Payload): string {
  const parts = payload.entries.map(([key, value]) => {
    const text = typeof value === "string" ? value : `<file ${value.file}>`;
    const shown = text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
    return `${key.length > 40 ? `${key.slice(0, 40)}…` : key}=${JSON.stringify(shown)}`;
  });
  return `${payload.encoding}: ${parts.join(" ")}`;
}
