import type { Flash } from "#app/utils/flash.server.ts";

/** A one-time message after a redirect; errors interrupt a screen reader, successes wait their turn. */
export function FlashMessage({ flash }: { flash: Flash }) {
  const isError = flash.kind === "error";
  return (
    <div
      className={`flash ${isError ? "flash--error" : "flash--success"}`}
      role={isError ? "alert" : "status"}
    >
      <p>{flash.message}</p>
    </div>
  );
}
