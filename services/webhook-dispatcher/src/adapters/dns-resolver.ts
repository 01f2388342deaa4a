import { lookup, Resolver } from "node:dns/promises";
import type { AddressResolver } from "../domain/ports.js";

/**
 * The system resolver (getaddrinfo, as a connect would use), or, when servers are named, those
 * DNS servers directly ("127.0.0.1:5353").
 */
export function createAddressResolver(servers: readonly string[] | undefined): AddressResolver {
  if (servers === undefined || servers.length === 0) {
    return {
      async resolve(hostname) {
        const answers = await lookup(hostname, { all: true, verbatim: true });
        return answers.map((answer) => answer.address);
      },
    };
  }
  const resolver = new Resolver({ timeout: 2_000, tries: 2 });
  resolver.setServers([...servers]);
  return {
    async resolve(hostname) {
      const [v4, v6] = await Promise.allSettled([
        resolver.resolve4(hostname),
        resolver.resolve6(hostname),
      ]);
      const addresses = [
        ...(v4.status === "fulfilled" ? v4.value : []),
        ...(v6.status === "fulfilled" ? v6.value : []),
      ];
      if (addresses.length === 0) {
        throw v4.status === "rejected" ? v4.reason : new Error(`${hostname} has no address`);
      }
      return addresses;
    },
  };
}
