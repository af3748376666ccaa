// To a member who attended a session, once, as soon as the coordinator registered it: how was it?
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type FeedbackRequestEmailProps = {
  name: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  /** The feedback page of this enrolment: /mijn-inschrijvingen/:id/feedback. */
  link: string;
};

export function feedbackRequestSubject({ courseTitle }: FeedbackRequestEmailProps): string {
  return `Hoe was ${courseTitle}? Geef uw feedback`;
}

export function FeedbackRequestEmail({
  name,
  courseTitle,
  startsAt,
  endsAt,
  link,
}: FeedbackRequestEmailProps) {
  const when = formatDutchSessionTime(startsAt, endsAt);
  return (
    <EmailLayout
      title="Hoe was de sessie?"
      preview={`Uw feedback op ${courseTitle} kost een minuut.`}
      reason="U ontvangt deze e-mail omdat de Gilde-coördinator heeft geregistreerd dat u bij deze sessie aanwezig was. U krijgt hem één keer per sessie."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        U was bij {courseTitle} op {when}. Wij horen graag hoe u de sessie vond.
      </EmailParagraph>
      <EmailParagraph>
        Geef een beoordeling van 1 (slecht) tot en met 5 (uitstekend), kies bij welke leerdoelen de
        sessie u hielp en schrijf er desgewenst een opmerking bij. Het kost ongeveer een minuut. Met
        uw feedback meet de gilde in de halfjaarlijkse evaluatie wat de opleidingen opleveren.
      </EmailParagraph>
      <EmailParagraph>
        U geeft één keer feedback per sessie. U kunt dat ook later nog doen, via Mijn inschrijvingen
        in het Gildeportaal.
      </EmailParagraph>
      <EmailAction href={link} label="Feedback geven" />
    </EmailLayout>
  );
}

export const previewProps: FeedbackRequestEmailProps = {
  name: "Joris Bakker",
  courseTitle: "Workshop: een opgave afbakenen",
  startsAt: "2026-12-08T12:30:00.000Z",
  endsAt: "2026-12-08T15:00:00.000Z",
  link: "http://localhost:3000/mijn-inschrijvingen/12/feedback",
};
