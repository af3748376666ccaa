// Any address no other route claims: a Dutch 404 page instead of Remix's default.
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export async function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
