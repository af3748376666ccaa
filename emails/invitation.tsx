// Invitation to a new account: set a first password through a one-time link.
import { tokenLifetimesMs } from "#app/domain/one-time-token.ts";
import { formatDutchDateTime, formatDutchDuration } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type InvitationEmailProps = {
  name: string;
  invitedByName: string;
  link: string;
  expiresAt: Date;
};

export const invitationSubject = "U bent uitgenodigd voor het Gildeportaal OGW";

export function InvitationEmail({ name, invitedByName, link, expiresAt }: InvitationEmailProps) {
  return (
    <EmailLayout
      title={invitationSubject}
      preview={`${invitedByName} nodigt u uit voor het Gildeportaal OGW. Stel uw wachtwoord in.`}
      reason={`U ontvangt deze e-mail omdat ${invitedByName} een account voor u heeft aangemaakt in het Gildeportaal OGW van de gemeente Huizen. Hebt u deze uitnodiging niet verwacht? Dan kunt u deze e-mail negeren; er gebeurt dan niets.`}
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        {invitedByName} heeft u uitgenodigd voor het Gildeportaal OGW, het portaal van de Gilde
        opgavegericht werken van de gemeente Huizen. Daar vindt u opleidingen en kennissessies,
        schrijft u zich in en vindt u collega&apos;s die aan opgaven werken.
      </EmailParagraph>
      <EmailParagraph>
        Stel eerst een wachtwoord in. Daarna logt u in met uw e-mailadres en dat wachtwoord.
      </EmailParagraph>
      <EmailAction href={link} label="Wachtwoord instellen" />
      <EmailParagraph>
        Deze link is {formatDutchDuration(tokenLifetimesMs.invitation)} geldig, tot{" "}
        {formatDutchDateTime(expiresAt)}, en werkt één keer. Is de link verlopen? Vraag dan de
        Gilde-coördinator om een nieuwe uitnodiging.
      </EmailParagraph>
    </EmailLayout>
  );
}

export const previewProps: InvitationEmailProps = {
  name: "Anne de Vries",
  invitedByName: "Pieter Jansen",
  link: "http://localhost:3000/uitnodiging/voorbeeld-token",
  expiresAt: new Date("2025-03-21T15:30:00.000Z"),
};
