import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("is the same text for the same JSON value whatever the key order", () => {
    const a = { b: [1, { y: true, x: null }], a: "s", c: { z: 1, m: [] } };
    const b = { c: { m: [], z: 1 }, a: "s", b: [1, { x: null, y: true }] };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":"s","b":[1,{"x":null,"y":true}],"c":{"m":[],"z":1}}');
  });

  it("tells apart values that differ, including array order", () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: "1" }));
    expect(canonicalJson(undefined)).toBe("null");
  });
});
