// To the member: the session is full, so the enrolment is on the waitlist.
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type EnrolmentWaitlistedEmailProps = {
  name: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  link: string;
};

export function enrolmentWaitlistedSubject({ courseTitle }: EnrolmentWaitlistedEmailProps): string {
  return `U staat op de wachtlijst: ${courseTitle}`;
}

// No position in the mail: it changes with every cancellation, the portal always shows the current one.
export function EnrolmentWaitlistedEmail({
  name,
  courseTitle,
  startsAt,
  endsAt,
  link,
}: EnrolmentWaitlistedEmailProps) {
  const when = formatDutchSessionTime(startsAt, endsAt);
  return (
    <EmailLayout
      title="U staat op de wachtlijst"
      preview={`${courseTitle}, ${when}, is vol. U krijgt bericht als er een plaats vrijkomt.`}
      reason="U ontvangt deze e-mail omdat u zich voor deze sessie hebt ingeschreven in het Gildeportaal OGW."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        De sessie {courseTitle} op {when} is vol. U staat daarom op de wachtlijst; u bent nog niet
        ingeschreven.
      </EmailParagraph>
      <EmailParagraph>
        Uw huidige plaats op de wachtlijst ziet u op de pagina van de sessie en in het portaal onder
        ‘Mijn inschrijvingen’.
      </EmailParagraph>
      <EmailParagraph>
        Komt er een plaats vrij, dan schuift de eerste op de wachtlijst door. Bent u dat, dan krijgt
        u meteen een e-mail.
      </EmailParagraph>
      <EmailParagraph>
        Wilt u niet meer wachten? Meld u dan af via de knop hieronder of onder ‘Mijn
        inschrijvingen’.
      </EmailParagraph>
      <EmailAction href={link} label="Sessie bekijken" />
    </EmailLayout>
  );
}

export const previewProps: EnrolmentWaitlistedEmailProps = {
  name: "Sanne de Boer",
  courseTitle: "Kennissessie: samenwerken met maatschappelijke partners",
  startsAt: "2026-11-17T14:00:00.000Z",
  endsAt: "2026-11-17T16:00:00.000Z",
  link: "http://localhost:3000/sessies/7",
};
