// The faster mail rendering (one React render for html and text, one render per shape of the
// recipient's name) gives byte for byte what two full renders by @react-email/render give.
import { describe, expect, it } from "vitest";
import {
  mailTemplateNames,
  mailTemplates,
  renderMail,
  renderMailUncached,
} from "#app/mail/templates.server.ts";

// Names that test the stand-in: escaping, apostrophes, accents, one word, many words, long enough to
// wrap the greeting line, and names the cache must refuse (other white space, astral characters).
const names = [
  "Sanne de Boer",
  "Joris Bakker",
  "Jan",
  "Aïcha El Idrissi-van 't Hof",
  `Tom & "Jerry" <script>alert('x')</script>`,
  "Zoë O'Neill",
  "Anna Maria Johanna Theodora van der Zwaluwenburg-Schimmelpenninck tot Nijenrode",
  "Nummer 00000000000000000000000000000000000000000000000000000000000000000000000000000001",
  "Twee  spaties",
  " Voorloop spatie",
  "Regel\nafbreking",
  "Emoji 🙂 Jansen",
  "Zero\u200bwidth",
  "\ue000 privé",
];

async function expectSameAsUncached<Name extends (typeof mailTemplateNames)[number]>(
  name: Name,
  props: Parameters<typeof renderMailUncached<Name>>[1],
) {
  const recipient = { to: "lid@huizen.example", toUserId: 7 };
  const fast = await renderMail(name, props, recipient);
  const full = await renderMailUncached(name, props);
  expect(fast.html).toBe(full.html);
  expect(fast.text).toBe(full.text);
  return fast;
}

describe("mail rendering", () => {
  it.each(mailTemplateNames)("renders %s exactly as two full renders do", async (name) => {
    await expectSameAsUncached(name, mailTemplates[name].previewProps);
  });

  it.each(["enrolment_confirmed", "enrolment_waitlisted"] as const)(
    "renders %s for every recipient name exactly as the uncached render, twice in a row",
    async (name) => {
      for (const recipientName of names) {
        const props = { ...mailTemplates[name].previewProps, name: recipientName };
        // The second round is served from the cache.
        const first = await expectSameAsUncached(name, props);
        const second = await expectSameAsUncached(name, props);
        expect(second).toEqual(first);
        expect(first.text).toContain(recipientName.trim().slice(0, 4));
      }
    },
  );

  it("keeps the other props apart in the cache: another course title gives another mail", async () => {
    const base = mailTemplates.enrolment_waitlisted.previewProps;
    const a = await expectSameAsUncached("enrolment_waitlisted", { ...base, courseTitle: "A" });
    const b = await expectSameAsUncached("enrolment_waitlisted", { ...base, courseTitle: "B" });
    expect(a.html).not.toBe(b.html);
  });

  it("renders many recipients at once exactly as one at a time", async () => {
    const base = mailTemplates.enrolment_confirmed.previewProps;
    const props = Array.from({ length: 40 }, (_, index) => ({
      ...base,
      name: `Deelnemer ${index} ${"x".repeat(index)}`,
    }));
    const together = await Promise.all(
      props.map((p) => renderMail("enrolment_confirmed", p, { to: "lid@huizen.example" })),
    );
    for (const [index, p] of props.entries()) {
      const full = await renderMailUncached("enrolment_confirmed", p);
      expect(together[index]!.html).toBe(full.html);
      expect(together[index]!.text).toBe(full.text);
    }
  });
});
