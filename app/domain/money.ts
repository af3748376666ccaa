// Money is integer euro cents everywhere; this reads what people type in a Dutch form.

export const MAX_AMOUNT_CENTS = 100_000_000; // € 1.000.000,00

export type MoneyParseResult = { ok: true; cents: number } | { ok: false; message: string };

const dutchAmount = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;

/** Accepts "1.250,50", "€ 1.250", "1250", "12,5" and "0"; refuses anything ambiguous. */
export function parseEuroInput(input: string): MoneyParseResult {
  const compact = input
    .replace(/[\s\u00a0]/g, "")
    .replace(/^€/, "")
    .replace(/^EUR/i, "");
  if (compact === "") return { ok: false, message: "Vul een bedrag in." };
  if (compact.startsWith("-")) return { ok: false, message: "Een bedrag kan niet negatief zijn." };
  const match = dutchAmount.exec(compact);
  if (!match) {
    return {
      ok: false,
      message:
        "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50 (punt voor duizendtallen, komma voor centen).",
    };
  }
  const euros = Number(match[1]!.replace(/\./g, ""));
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  const total = euros * 100 + cents;
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT_CENTS) {
    return { ok: false, message: "Een bedrag is hoogstens € 1.000.000,00." };
  }
  return { ok: true, cents: total };
}

/** The value to put back in a form field: 125050 → "1.250,50". */
export function centsToInput(cents: number): string {
  const euros = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return rest === 0 ? grouped : `${grouped},${String(rest).padStart(2, "0")}`;
}

const euroFormat = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

export function formatEuro(cents: number): string {
  return euroFormat.format(cents / 100);
}
