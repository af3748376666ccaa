// To the member: the enrolment is cancelled (by themselves, by a coordinator, or with the session).
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export const enrolmentCancelledCauses = ["member", "coordinator", "session_cancelled"] as const;
export type EnrolmentCancelledCause = (typeof enrolmentCancelledCauses)[number];

export type EnrolmentCancelledEmailProps = {
  name: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  cause: EnrolmentCancelledCause;
  reason?: string | null;
  link: string;
};

const causeWords: Record<EnrolmentCancelledCause, { subject: string; title: string }> = {
  member: { subject: "U bent afgemeld", title: "U bent afgemeld" },
  coordinator: {
    subject: "Uw inschrijving is geannuleerd",
    title: "Uw inschrijving is geannuleerd",
  },
  session_cancelled: {
    subject: "De sessie gaat niet door",
    title: "De sessie is geannuleerd",
  },
};

export function enrolmentCancelledSubject({
  cause,
  courseTitle,
}: EnrolmentCancelledEmailProps): string {
  return `${causeWords[cause].subject}: ${courseTitle}`;
}

function Explanation({ cause, courseTitle, startsAt, endsAt }: EnrolmentCancelledEmailProps) {
  const when = formatDutchSessionTime(startsAt, endsAt);
  switch (cause) {
    case "member":
      return (
        <EmailParagraph>
          U hebt zich afgemeld voor {courseTitle} op {when}. U bent niet meer ingeschreven; uw
          plaats gaat naar de eerste op de wachtlijst.
        </EmailParagraph>
      );
    case "coordinator":
      return (
        <EmailParagraph>
          Een Gilde-coördinator heeft uw inschrijving voor {courseTitle} op {when} geannuleerd. U
          bent niet meer ingeschreven.
        </EmailParagraph>
      );
    case "session_cancelled":
      return (
        <EmailParagraph>
          De sessie {courseTitle} op {when} is geannuleerd en gaat niet door. Uw inschrijving is
          daarmee vervallen.
        </EmailParagraph>
      );
  }
}

export function EnrolmentCancelledEmail(props: EnrolmentCancelledEmailProps) {
  const { name, courseTitle, cause, reason, link } = props;
  return (
    <EmailLayout
      title={causeWords[cause].title}
      preview={`${causeWords[cause].subject}: ${courseTitle}.`}
      reason="U ontvangt deze e-mail omdat u voor deze sessie was ingeschreven in het Gildeportaal OGW."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <Explanation {...props} />
      {reason ? <EmailParagraph>Reden: {reason}</EmailParagraph> : null}
      <EmailParagraph>
        De afspraak verdwijnt uit uw agenda: in de bijlage vindt u een annulering (annulering.ics).
        Staat de sessie er daarna nog in, verwijder haar dan zelf.
      </EmailParagraph>
      {cause === "member" ? null : (
        <EmailParagraph>
          Andere sessies van deze opleiding vindt u in de catalogus van het Gildeportaal.
        </EmailParagraph>
      )}
      <EmailAction href={link} label="Sessie bekijken" />
    </EmailLayout>
  );
}

export const previewProps: EnrolmentCancelledEmailProps = {
  name: "Sanne de Boer",
  courseTitle: "Workshop: een opgave afbakenen",
  startsAt: "2026-12-08T12:30:00.000Z",
  endsAt: "2026-12-08T15:00:00.000Z",
  cause: "session_cancelled",
  reason: "De trainer is ziek. We plannen de workshop in het voorjaar opnieuw in.",
  link: "http://localhost:3000/sessies/4",
};
