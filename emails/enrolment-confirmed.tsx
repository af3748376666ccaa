// To the member: the enrolment is confirmed, straight away, from the waitlist or after approval.
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export const enrolmentConfirmedCauses = ["enrolled", "promoted", "approved"] as const;
export type EnrolmentConfirmedCause = (typeof enrolmentConfirmedCauses)[number];

export type EnrolmentConfirmedEmailProps = {
  name: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  cause: EnrolmentConfirmedCause;
  /** Only for "approved": the coordinator who approved the paid enrolment. */
  decidedByName?: string | null;
  link: string;
};

const causeWords: Record<EnrolmentConfirmedCause, { subject: string; title: string }> = {
  enrolled: { subject: "U bent ingeschreven", title: "U bent ingeschreven" },
  promoted: {
    subject: "Er is plaats: u bent ingeschreven",
    title: "Er is een plaats vrijgekomen: u bent ingeschreven",
  },
  approved: {
    subject: "Uw inschrijving is goedgekeurd",
    title: "Uw inschrijving is goedgekeurd",
  },
};

export function enrolmentConfirmedSubject({
  cause,
  courseTitle,
}: EnrolmentConfirmedEmailProps): string {
  return `${causeWords[cause].subject}: ${courseTitle}`;
}

function Explanation({ cause, courseTitle, decidedByName }: EnrolmentConfirmedEmailProps) {
  switch (cause) {
    case "enrolled":
      return (
        <EmailParagraph>
          U bent ingeschreven voor {courseTitle}. Uw plaats staat vast.
        </EmailParagraph>
      );
    case "promoted":
      return (
        <EmailParagraph>
          Er is een plaats vrijgekomen bij {courseTitle}. U stond op de wachtlijst en bent nu
          ingeschreven; uw plaats staat vast.
        </EmailParagraph>
      );
    case "approved":
      return (
        <EmailParagraph>
          {decidedByName ?? "Een Gilde-coördinator"} heeft uw inschrijving voor {courseTitle}{" "}
          goedgekeurd. U bent nu ingeschreven; uw plaats staat vast.
        </EmailParagraph>
      );
  }
}

export function EnrolmentConfirmedEmail(props: EnrolmentConfirmedEmailProps) {
  const { name, courseTitle, startsAt, endsAt, location, onlineUrl, cause, link } = props;
  const when = formatDutchSessionTime(startsAt, endsAt);
  return (
    <EmailLayout
      title={causeWords[cause].title}
      preview={`${courseTitle}, ${when}.`}
      reason="U ontvangt deze e-mail omdat u zich voor deze sessie hebt ingeschreven in het Gildeportaal OGW."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <Explanation {...props} />
      <EmailParagraph>
        Wat: {courseTitle}
        <br />
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
        In de bijlage vindt u een uitnodiging voor uw agenda (uitnodiging.ics). Open de bijlage om
        de sessie in uw agenda te zetten.
      </EmailParagraph>
      <EmailParagraph>
        Kunt u toch niet? Meld u dan af via de knop hieronder, of in het portaal onder ‘Mijn
        inschrijvingen’. Dan kan iemand van de wachtlijst uw plaats krijgen.
      </EmailParagraph>
      <EmailAction href={link} label="Sessie bekijken" />
    </EmailLayout>
  );
}

export const previewProps: EnrolmentConfirmedEmailProps = {
  name: "Joris Bakker",
  courseTitle: "Workshop: een opgave afbakenen",
  startsAt: "2026-12-08T12:30:00.000Z",
  endsAt: "2026-12-08T15:00:00.000Z",
  location: "Gemeentehuis Huizen, zaal De Gooierserf",
  onlineUrl: null,
  cause: "approved",
  decidedByName: "Annelies Visser",
  link: "http://localhost:3000/sessies/4",
};
