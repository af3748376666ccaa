// The frame every portal e-mail shares: header, content and a footer saying why it was sent.
import type { CSSProperties, ReactNode } from "react";
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";

const brandBlue = "#0b4f8a";

export const emailStyles = {
  body: {
    backgroundColor: "#f3f4f6",
    fontFamily: "Arial, Helvetica, sans-serif",
    margin: 0,
    padding: "24px 0",
  },
  container: {
    backgroundColor: "#ffffff",
    maxWidth: "600px",
    margin: "0 auto",
    border: "1px solid #d1d5db",
  },
  header: { backgroundColor: brandBlue, padding: "16px 24px" },
  headerText: { color: "#ffffff", fontSize: "16px", fontWeight: "bold", margin: 0 },
  content: { padding: "8px 24px 16px" },
  heading: { color: "#111827", fontSize: "22px", lineHeight: "28px", margin: "16px 0" },
  paragraph: { color: "#1f2937", fontSize: "16px", lineHeight: "24px", margin: "12px 0" },
  button: {
    backgroundColor: brandBlue,
    borderRadius: "4px",
    color: "#ffffff",
    fontSize: "16px",
    fontWeight: "bold",
    padding: "12px 20px",
    textDecoration: "none",
  },
  link: { color: brandBlue, textDecoration: "underline", wordBreak: "break-all" },
  hr: { borderColor: "#d1d5db", margin: "0" },
  footer: { padding: "8px 24px 16px" },
  footerText: { color: "#4b5563", fontSize: "13px", lineHeight: "20px", margin: "8px 0" },
} satisfies Record<string, CSSProperties>;

export function EmailLayout({
  title,
  preview,
  reason,
  children,
}: {
  /** The message's main heading, also the document title. */
  title: string;
  /** The line mail clients show next to the subject. */
  preview: string;
  /** Why this person gets this mail; shown in the footer. */
  reason: string;
  children: ReactNode;
}) {
  return (
    <Html lang="nl" dir="ltr">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={emailStyles.body}>
        <Container style={emailStyles.container}>
          <Section style={emailStyles.header}>
            <Text style={emailStyles.headerText}>Gildeportaal OGW · Gemeente Huizen</Text>
          </Section>
          <Section style={emailStyles.content}>
            <Heading as="h1" style={emailStyles.heading}>
              {title}
            </Heading>
            {children}
          </Section>
          <Hr style={emailStyles.hr} />
          <Section style={emailStyles.footer}>
            <Text style={emailStyles.footerText}>{reason}</Text>
            <Text style={emailStyles.footerText}>
              Dit bericht is automatisch verstuurd door het Gildeportaal OGW van de gemeente Huizen.
              U kunt er niet op antwoorden.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function EmailParagraph({ children }: { children: ReactNode }) {
  return <Text style={emailStyles.paragraph}>{children}</Text>;
}

/** A call-to-action button with the same link written out below it, for clients that block buttons. */
export function EmailAction({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Section style={{ margin: "24px 0" }}>
        <Button href={href} style={emailStyles.button}>
          {label}
        </Button>
      </Section>
      <Text style={emailStyles.paragraph}>
        Werkt de knop niet? Kopieer dan deze link en plak hem in de adresbalk van uw browser:
        <br />
        <Link href={href} style={emailStyles.link}>
          {href}
        </Link>
      </Text>
    </>
  );
}
