// To each confirmed participant, once, the day before the session: where and when, and how to cancel.
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type SessionReminderEmailProps = {
  name: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  link: string;
};

// The date rather than "morgen": someone confirmed on the day itself gets the reminder that day.
export function sessionReminderSubject({
  courseTitle,
  startsAt,
  endsAt,
}: SessionReminderEmailProps): string {
  return `Herinnering: ${courseTitle}, ${formatDutchSessionTime(startsAt, endsAt)}`;
}

export function SessionReminderEmail({
  name,
  courseTitle,
  startsAt,
  endsAt,
  location,
  onlineUrl,
  link,
}: SessionReminderEmailProps) {
  const when = formatDutchSessionTime(startsAt, endsAt);
  return (
    <EmailLayout
      title="Herinnering aan uw sessie"
      preview={`${courseTitle}, ${when}.`}
      reason="U ontvangt deze herinnering omdat u voor deze sessie bent ingeschreven in het Gildeportaal OGW. U krijgt haar één keer, normaal gesproken de dag voor de sessie."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        Binnenkort is het zover: u bent ingeschreven voor de sessie {courseTitle}. Hieronder ziet u
        nog eens wanneer en waar.
      </EmailParagraph>
      <EmailParagraph>
        Wanneer: {when}
        {location ? (
          <>
            <br />
            Waar: {location}
          </>
        ) : null}
        {onlineUrl ? (
          <>
            <br />
            Online deelnemen: {onlineUrl}
          </>
        ) : null}
      </EmailParagraph>
      <EmailParagraph>
        Kunt u toch niet komen? Meld u dan zo snel mogelijk af via de knop hieronder. Dan kan iemand
        van de wachtlijst uw plaats krijgen.
      </EmailParagraph>
      <EmailAction href={link} label="Sessie bekijken" />
    </EmailLayout>
  );
}

export const previewProps: SessionReminderEmailProps = {
  name: "Joris Bakker",
  courseTitle: "Workshop: een opgave afbakenen",
  startsAt: "2026-12-08T12:30:00.000Z",
  endsAt: "2026-12-08T15:00:00.000Z",
  location: "Gemeentehuis Huizen, zaal De Gooierserf",
  onlineUrl: null,
  link: "http://localhost:3000/sessies/4",
};
