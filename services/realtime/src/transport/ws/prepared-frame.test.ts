import { describe, expect, it } from "vitest";
import { publicationOf } from "../../domain/model.js";
import { preparedFrame } from "./prepared-frame.js";

describe("a publication's prepared WebSocket frame", () => {
  it("is one unmasked, final text frame carrying the publication's JSON as UTF-8", () => {
    const note = "Mërz ".repeat(40);
    const publication = publicationOf(
      "usage",
      7,
      "e1",
      JSON.stringify({ type: "quota.notice", note }),
    );
    const frame = preparedFrame(publication);
    const payload = Buffer.from(publication.frame);
    expect(frame[0]).toBe(0x81);
    // 126: a 16-bit length follows, and no mask bit is set.
    expect(frame[1]).toBe(126);
    expect(frame.readUInt16BE(2)).toBe(payload.length);
    expect(frame.subarray(4).equals(payload)).toBe(true);
  });

  it("is built once per publication and shared by every subscriber", () => {
    const publication = publicationOf("usage", 1, "e1", "{}");
    expect(preparedFrame(publication)).toBe(preparedFrame(publication));
    expect(preparedFrame(publicationOf("usage", 1, "e1", "{}"))).not.toBe(
      preparedFrame(publication),
    );
  });
});
