import { describe, expect, it } from "vitest";
import { DestinationPolicy } from "./destination-policy.js";

const strict = new DestinationPolicy({ allowHttp: false, allowList: [] });

describe("DestinationPolicy.addressAllowed", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "100.64.0.1",
    "100.127.255.255",
    "169.254.169.254",
    "224.0.0.251",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.0.8",
    "192.0.2.1",
    "198.51.100.1",
    "203.0.113.1",
    "198.18.0.1",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:10.0.0.1",
    "::ffff:a9fe:a9fe",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fec0::1",
    "ff02::1",
    "2001:db8::1",
    "2002:c0a8:101::1",
    "2001::1",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(strict.addressAllowed(address)).toBe(false);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
  ])("admits the public address %s", (address) => {
    expect(strict.addressAllowed(address)).toBe(true);
  });

  it("admits allow-listed ranges and only those", () => {
    const policy = new DestinationPolicy({
      allowHttp: true,
      allowList: ["127.0.0.1/32", "fd00::/8"],
    });
    expect(policy.addressAllowed("127.0.0.1")).toBe(true);
    expect(policy.addressAllowed("::ffff:127.0.0.1")).toBe(true);
    expect(policy.addressAllowed("127.0.0.2")).toBe(false);
    expect(policy.addressAllowed("fd00::5")).toBe(true);
    expect(policy.addressAllowed("fc00::5")).toBe(false);
  });
});

describe("DestinationPolicy.checkUrl", () => {
  it("wants https unless plain http is allowed", () => {
    expect(strict.checkUrl("https://hooks.example.com/x")).toMatchObject({ ok: true });
    expect(strict.checkUrl("http://hooks.example.com/x")).toEqual({
      ok: false,
      reason: "must use https",
    });
    const local = new DestinationPolicy({ allowHttp: true, allowList: [] });
    expect(local.checkUrl("http://hooks.example.com/x")).toMatchObject({ ok: true });
    expect(local.checkUrl("ftp://hooks.example.com/x")).toMatchObject({ ok: false });
  });

  it("refuses credentials, relative URLs and literal refused addresses in every spelling", () => {
    expect(strict.checkUrl("https://user:secret@hooks.example.com/")).toMatchObject({ ok: false });
    expect(strict.checkUrl("/relative")).toMatchObject({
      ok: false,
      reason: "is not an absolute URL",
    });
    for (const host of [
      "127.0.0.1",
      "2130706433",
      "0x7f.1",
      "0177.0.0.1",
      "[::1]",
      "[::ffff:127.0.0.1]",
    ]) {
      expect(strict.checkUrl(`https://${host}/`), host).toMatchObject({ ok: false });
    }
  });

  it("names allow-listed hosts, exact or by suffix", () => {
    const policy = new DestinationPolicy({
      allowHttp: false,
      allowList: ["hooks.internal", "*.corp.example"],
    });
    expect(policy.checkUrl("https://hooks.internal/")).toMatchObject({
      ok: true,
      hostAllowListed: true,
    });
    expect(policy.checkUrl("https://a.b.corp.example/")).toMatchObject({ hostAllowListed: true });
    expect(policy.checkUrl("https://corp.example.evil.com/")).toMatchObject({
      hostAllowListed: false,
    });
    expect(policy.checkUrl("https://evilhooks.internal/")).toMatchObject({
      hostAllowListed: false,
    });
  });
});
