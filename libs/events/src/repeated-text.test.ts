import { describe, expect, it } from "vitest";
import { RepeatedText } from "./repeated-text.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("RepeatedText", () => {
  it("reads the text of the bytes given, whole or a range of them", () => {
    const text = new RepeatedText();
    expect(text.read(utf8("acc_1"))).toBe("acc_1");
    expect(text.read(utf8("xxPOST /v1/chartsyy"), 2, 17)).toBe("POST /v1/charts");
    expect(text.read(utf8(""))).toBe("");
    expect(text.read(utf8("Ωmega ☉"))).toBe("Ωmega ☉");
  });

  it("follows the bytes as they change, equal lengths included", () => {
    const text = new RepeatedText();
    expect(text.read(utf8("acc_1"))).toBe("acc_1");
    expect(text.read(utf8("acc_1"))).toBe("acc_1");
    expect(text.read(utf8("acc_2"))).toBe("acc_2");
    expect(text.read(utf8("acc_10"))).toBe("acc_10");
    expect(text.read(utf8("acc_1"))).toBe("acc_1");
  });

  it("replaces bytes that are not UTF-8, or throws when made fatal", () => {
    const invalid = new Uint8Array([0x61, 0xff, 0x62]);
    expect(new RepeatedText().read(invalid)).toBe("a\uFFFDb");
    expect(() => new RepeatedText({ fatal: true }).read(invalid)).toThrow(TypeError);
  });
});
