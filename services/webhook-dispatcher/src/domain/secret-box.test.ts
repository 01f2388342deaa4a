import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box.js";

const oldKey = { id: "k1", key: randomBytes(32) };
const newKey = { id: "k2", key: randomBytes(32) };

describe("SecretBox", () => {
  it("seals with the active key and opens again", () => {
    const box = new SecretBox([oldKey], "k1");
    const sealed = box.seal("whsec_abc", "ep_1");
    expect(sealed.keyId).toBe("k1");
    expect(sealed.ciphertext.includes(Buffer.from("whsec_abc"))).toBe(false);
    expect(box.open(sealed, "ep_1")).toBe("whsec_abc");
    expect(box.seal("whsec_abc", "ep_1").ciphertext.equals(sealed.ciphertext)).toBe(false);
  });

  it("opens secrets sealed under an older key after the active key changed", () => {
    const sealed = new SecretBox([oldKey], "k1").seal("whsec_old", "ep_1");
    const rotated = new SecretBox([oldKey, newKey], "k2");
    expect(rotated.open(sealed, "ep_1")).toBe("whsec_old");
    expect(rotated.seal("whsec_new", "ep_1").keyId).toBe("k2");
  });

  it("refuses a ciphertext moved to another endpoint, altered, or under an unknown key", () => {
    const box = new SecretBox([oldKey], "k1");
    const sealed = box.seal("whsec_abc", "ep_1");
    expect(() => box.open(sealed, "ep_2")).toThrow();
    const altered = Buffer.from(sealed.ciphertext);
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
    expect(() => box.open({ keyId: "k1", ciphertext: altered }, "ep_1")).toThrow();
    expect(() => new SecretBox([newKey], "k2").open(sealed, "ep_1")).toThrow(/no envelope key k1/);
    expect(() => new SecretBox([{ id: "short", key: randomBytes(16) }], "short")).toThrow();
  });
});
