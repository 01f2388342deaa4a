import { BlockList, isIP } from "node:net";

/**
 * Address ranges a webhook may never reach unless the operator allow-lists them: this host,
 * private networks, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved,
 * documentation and unspecified ranges (IANA special-purpose registries, IPv4 and IPv6).
 */
const BLOCKED_IPV4: readonly [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

const BLOCKED_IPV6: readonly [string, number][] = [
  ["::", 128],
  ["::1", 128],
  // IPv4-compatible (deprecated) and NAT64 forms: they lead to an IPv4 address.
  ["::", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
];

function blockList(ranges: { v4: readonly [string, number][]; v6: readonly [string, number][] }) {
  const list = new BlockList();
  for (const [network, prefix] of ranges.v4) list.addSubnet(network, prefix, "ipv4");
  for (const [network, prefix] of ranges.v6) list.addSubnet(network, prefix, "ipv6");
  return list;
}

const BLOCKED = blockList({ v4: BLOCKED_IPV4, v6: BLOCKED_IPV6 });

/** "::ffff:10.0.0.1" (and "::ffff:a00:1") is the IPv4 address it maps. */
function unmapped(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const version = isIP(address);
  if (version === 4) return { address, family: "ipv4" };
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1] !== undefined) return { address: dotted[1], family: "ipv4" };
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] !== undefined && hex[2] !== undefined) {
    const high = Number.parseInt(hex[1], 16);
    const low = Number.parseInt(hex[2], 16);
    return {
      address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`,
      family: "ipv4",
    };
  }
  return { address, family: "ipv6" };
}

export interface DestinationPolicyOptions {
  /** Plain http is refused unless this is set (never in production). */
  readonly allowHttp: boolean;
  /** Host names (exact, or "*.example.com") and CIDR ranges ("127.0.0.0/8", "fd00::/8") the operator admits. */
  readonly allowList: readonly string[];
}

export type UrlCheck =
  | { readonly ok: true; readonly url: URL; readonly hostAllowListed: boolean }
  | { readonly ok: false; readonly reason: string };

/** Which webhook URLs and connected addresses are allowed: SSRF protection. */
export class DestinationPolicy {
  private readonly allowedRanges = new BlockList();
  private readonly allowedHosts: readonly string[];
  private readonly allowedSuffixes: readonly string[];

  constructor(private readonly options: DestinationPolicyOptions) {
    const hosts: string[] = [];
    const suffixes: string[] = [];
    for (const entry of options.allowList) {
      const [network, prefix] = entry.split("/");
      if (network !== undefined && prefix !== undefined && isIP(network) !== 0) {
        const family = isIP(network) === 4 ? "ipv4" : "ipv6";
        this.allowedRanges.addSubnet(network, Number(prefix), family);
      } else if (isIP(entry) !== 0) {
        this.allowedRanges.addAddress(entry, isIP(entry) === 4 ? "ipv4" : "ipv6");
      } else if (entry.startsWith("*.")) {
        suffixes.push(entry.slice(1).toLowerCase());
      } else {
        hosts.push(entry.toLowerCase());
      }
    }
    this.allowedHosts = hosts;
    this.allowedSuffixes = suffixes;
  }

  /** The URL's form: scheme, no credentials, a host. Addresses are checked separately. */
  checkUrl(text: string): UrlCheck {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, reason: "is not an absolute URL" };
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return { ok: false, reason: "must use https" };
    }
    if (url.protocol === "http:" && !this.options.allowHttp) {
      return { ok: false, reason: "must use https" };
    }
    if (url.username !== "" || url.password !== "") {
      return { ok: false, reason: "must not carry credentials" };
    }
    if (url.hostname === "") return { ok: false, reason: "has no host" };
    const literal = hostAddress(url.hostname);
    if (literal !== undefined && !this.addressAllowed(literal)) {
      return { ok: false, reason: `points at ${literal}, an address webhooks may not reach` };
    }
    return { ok: true, url, hostAllowListed: this.hostAllowListed(url.hostname) };
  }

  hostAllowListed(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/\.$/, "");
    return (
      this.allowedHosts.includes(host) ||
      this.allowedSuffixes.some((suffix) => host.endsWith(suffix))
    );
  }

  /** Whether a resolved or connected address may be reached. */
  addressAllowed(address: string): boolean {
    const { address: plain, family } = unmapped(address);
    if (isIP(plain) === 0) return false;
    if (this.allowedRanges.check(plain, family)) return true;
    return !BLOCKED.check(plain, family);
  }
}

/** The IP address a URL's hostname spells, if it is one ("[::1]" → "::1"). */
export function hostAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? undefined : bare;
}

/** Refused at resolution or at connect: the message an attempt records. */
export class DestinationNotAllowedError extends Error {
  override readonly name = "DestinationNotAllowedError";
  readonly code = "ERR_WEBHOOK_DESTINATION_NOT_ALLOWED";

  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolved to ${address}, an address webhooks may not reach`);
  }
}
