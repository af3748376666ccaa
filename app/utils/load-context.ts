// What the HTTP server passes to every loader and action.
export type AppLoadContext = {
  cspNonce: string;
  requestId: string;
  clientAddress: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    requestId: string;
    clientAddress: string;
  }
}

export function clientAddressOf(context: { clientAddress?: string } | undefined): string {
  return context?.clientAddress || "onbekend";
}
