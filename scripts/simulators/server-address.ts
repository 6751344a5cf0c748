import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export const LOOPBACK = "127.0.0.1";

/** Listens and resolves with the bound port (the real one when asked for port 0). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The address a client on this machine uses: a wildcard bind is reached through loopback. */
export function clientHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return LOOPBACK;
  return host.includes(":") ? `[${host}]` : host;
}

/** Closes a server and every keep-alive connection it still holds, so stop() never waits on an idle client. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
