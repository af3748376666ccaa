// A fixed page without data: the floor of what one Remix request costs, used by `npm run bench`
// to compare the real pages with. It reads nothing and needs no sign-in.
import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Ijkpagina · Gildeportaal OGW" }];

export default function CalibrationPage() {
  return (
    <article className="prose">
      <h1>Ijkpagina</h1>
      <p>
        Deze pagina heeft geen gegevens en verandert nooit. De prestatiemeting vergelijkt de andere
        pagina&apos;s van het Gildeportaal met deze pagina.
      </p>
    </article>
  );
}
