import { EndpointKind, MessageStatus } from "@orrery/proto/webhook/v1/webhook";
import { type ScratchDatabase, waitFor } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DispatcherProcess,
  startDispatcher,
  webhookDatabase,
} from "./support/dispatcher-process.js";
import { DnsServer } from "./support/dns-server.js";
import { Receiver } from "./support/receiver.js";

// SSRF rules of a dispatcher whose operator admits exactly one address, 127.0.0.1 (so test
// receivers can answer), and resolves names with a DNS server the test controls.
let database: ScratchDatabase;
let dispatcher: DispatcherProcess;
let dns: DnsServer;
let hooks: Receiver;
const accountId = `acc_ssrf${Date.now().toString(36)}`;

beforeAll(async () => {
  dns = await new DnsServer().start();
  hooks = await new Receiver().start();
  database = await webhookDatabase("webhook_ssrf");
  dispatcher = await startDispatcher(database, {
    WEBHOOK_ALLOWED_DESTINATIONS: "127.0.0.1/32",
    WEBHOOK_DNS_SERVERS: dns.address,
    WEBHOOK_RETRY_SCHEDULE: "0",
    WEBHOOK_POLL_INTERVAL_MS: "100",
  });
});

afterAll(async () => {
  await dispatcher?.stop();
  await hooks?.stop();
  await dns?.stop();
  await database?.drop();
});

const port = () => hooks.port;

describe("SSRF", () => {
  const refusedAddresses = [
    ["this host", "127.0.0.2"],
    ["unspecified", "0.0.0.0"],
    ["private 10/8", "10.1.2.3"],
    ["private 172.16/12", "172.20.0.1"],
    ["private 192.168/16", "192.168.1.1"],
    ["CGNAT", "100.64.0.1"],
    ["link-local (cloud metadata)", "169.254.169.254"],
    ["multicast", "224.0.0.1"],
    ["reserved", "240.0.0.1"],
    ["broadcast", "255.255.255.255"],
    ["documentation", "192.0.2.10"],
    ["benchmarking", "198.18.0.1"],
    ["IPv6 loopback", "[::1]"],
    ["IPv6 unspecified", "[::]"],
    ["IPv4-mapped loopback", "[::ffff:127.0.0.2]"],
    ["IPv4-mapped metadata", "[::ffff:169.254.169.254]"],
    ["NAT64 of a private address", "[64:ff9b::a00:1]"],
    ["IPv6 unique local", "[fd00::1]"],
    ["IPv6 link-local", "[fe80::1]"],
    ["IPv6 multicast", "[ff02::1]"],
    ["6to4", "[2002:a00:1::1]"],
    ["IPv6 documentation", "[2001:db8::1]"],
  ] as const;

  it.each(refusedAddresses)("refuses an endpoint at %s (%s)", async (_name, host) => {
    await expect(
      dispatcher.client.createEndpoint({
        accountId,
        url: `https://${host}:${port()}/hooks`,
        maxEndpoints: 100,
      }),
    ).rejects.toMatchObject({
      code: "WEBHOOK_URL_NOT_ALLOWED",
      violations: [expect.objectContaining({ field: "url" })],
    });
  });

  it("refuses a name that resolves to a refused address, and one that does not resolve", async () => {
    dns.records.set("internal.test", ["10.0.0.7"]);
    dns.records.set("mixed.test", ["127.0.0.1", "fd00::7"]);
    for (const host of ["internal.test", "mixed.test", "nowhere.test"]) {
      await expect(
        dispatcher.client.createEndpoint({
          accountId,
          url: `http://${host}:${port()}/`,
          maxEndpoints: 100,
        }),
      ).rejects.toMatchObject({ code: "WEBHOOK_URL_NOT_ALLOWED" });
    }
  });

  it("refuses what is not an https URL, or carries credentials", async () => {
    for (const url of [
      "ftp://127.0.0.1/",
      "file:///etc/passwd",
      "not a url",
      "https://user:pw@127.0.0.1/",
    ]) {
      await expect(
        dispatcher.client.createEndpoint({ accountId, url, maxEndpoints: 100 }),
      ).rejects.toMatchObject({ code: "WEBHOOK_URL_NOT_ALLOWED" });
    }
  });

  it("refuses to connect when the name's answer changes to a private address (DNS rebinding)", async () => {
    // Each attempt on a connection of its own, so each one connects (and looks the name up).
    hooks.respond = () => ({ status: 200, headers: { connection: "close" } });
    dns.records.set("partner.test", ["127.0.0.1"]);
    const created = await dispatcher.client.createEndpoint({
      accountId,
      url: `http://partner.test:${port()}/hooks`,
      kind: EndpointKind.STANDARD,
      maxEndpoints: 100,
    });
    const endpointId = created.endpoint!.id;
    const first = await dispatcher.client.sendTestEvent({ accountId, endpointId });
    await waitFor(() => hooks.withId(first.message!.id).length === 1, {
      timeoutMs: 10_000,
      message: "delivery while the name points at the allowed address",
    });

    dns.records.set("partner.test", ["10.0.0.9"]);
    const second = await dispatcher.client.sendTestEvent({ accountId, endpointId });
    const messageId = second.message!.id;
    await waitFor(
      async () => {
        const { message } = await dispatcher.client.getMessage({ accountId, messageId });
        return message?.status === MessageStatus.FAILED;
      },
      { timeoutMs: 10_000, intervalMs: 100, message: "refused attempt" },
    );
    const { attempts } = await dispatcher.client.listAttempts({ accountId, messageId });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ responseStatus: 0, succeeded: false });
    expect(attempts[0]!.error).toBe(
      "partner.test resolved to 10.0.0.9, an address webhooks may not reach",
    );
    expect(hooks.withId(messageId)).toHaveLength(0);
  });
});
