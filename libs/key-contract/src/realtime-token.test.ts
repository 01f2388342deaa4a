import { describe, expect, it } from "vitest";
import { mintRealtimeToken, verifyRealtimeToken } from "./realtime-token.js";

const secret = "a-test-secret-of-at-least-thirty-two-chars";
const claims = {
  accountId: "acct_1",
  keyId: "key_1",
  scopes: ["realtime:connect"],
  connectionLimit: 2,
  expiresAt: 2_000,
};

describe("realtime tokens", () => {
  it("verifies what it minted until it expires", () => {
    const token = mintRealtimeToken(claims, secret);
    expect(verifyRealtimeToken(token, secret, 1_999_000)).toEqual({ kind: "valid", claims });
    expect(verifyRealtimeToken(token, secret, 2_000_000)).toEqual({ kind: "expired", claims });
  });

  it("refuses another secret, a changed body and garbage", () => {
    const token = mintRealtimeToken(claims, secret);
    expect(verifyRealtimeToken(token, `${secret}x`, 0).kind).toBe("invalid");
    const [version, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ a: "acct_2", k: "k", s: [], c: 9, e: 9e9 }));
    expect(
      verifyRealtimeToken(`${version}.${forged.toString("base64url")}.${signature}`, secret, 0)
        .kind,
    ).toBe("invalid");
    expect(verifyRealtimeToken("rt1.e30", secret, 0).kind).toBe("invalid");
    expect(verifyRealtimeToken("", secret, 0).kind).toBe("invalid");
  });
});
