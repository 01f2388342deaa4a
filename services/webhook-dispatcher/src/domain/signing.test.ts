import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, signAttempt } from "./signing.js";

const body = Buffer.from('{"type":"key.created","timestamp":"2026-12-01T12:00:00.000Z","data":{}}');

describe("Standard Webhooks signatures", () => {
  it("generates whsec_ secrets of 32 random bytes", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it("signs what the standardwebhooks library verifies, one signature per secret", () => {
    const current = generateSigningSecret();
    const previous = generateSigningSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = signAttempt("msg_1", now, body, [current, previous]);
    expect(headers["webhook-id"]).toBe("msg_1");
    expect(headers["webhook-timestamp"]).toBe(String(now));
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(body.toString(), { ...headers })).toMatchObject({
        type: "key.created",
      });
    }
    // The library computes the same value.
    expect(signAttempt("msg_1", now, body, [current])["webhook-signature"]).toBe(
      new Webhook(current).sign("msg_1", new Date(now * 1000), body.toString()),
    );
  });

  it("does not verify with another secret, another body or another id", () => {
    const secret = generateSigningSecret();
    const headers = signAttempt("msg_2", Math.floor(Date.now() / 1000), body, [secret]);
    expect(() =>
      new Webhook(generateSigningSecret()).verify(body.toString(), { ...headers }),
    ).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
    expect(() =>
      new Webhook(secret).verify(body.toString(), { ...headers, "webhook-id": "msg_3" }),
    ).toThrow();
  });
});
