import { describe, expect, it } from "vitest";
import { entrySerializer, freshStringValue } from "./entry-serializer.js";

describe("entrySerializer", () => {
  it("stores a string value unescaped after its header and reads it back", () => {
    const value = '{"chart":"with \\"quotes\\" and : colons","n":1}';
    const entry = { value, logicalExpiration: 1_700_000_000_000, createdAt: 1_699_999_000_000 };
    const text = entrySerializer.serialize(entry);
    expect(text.endsWith(value)).toBe(true);
    expect(entrySerializer.deserialize(text)).toEqual(entry);
  });

  it("falls back to JSON for other values (bentocache's tag entries)", () => {
    const entry = { value: 1_700_000_000_000, logicalExpiration: 5, createdAt: 4, tags: ["t"] };
    expect(entrySerializer.deserialize(entrySerializer.serialize(entry))).toEqual(entry);
  });

  it("keeps an empty string value", () => {
    const entry = { value: "", logicalExpiration: 1, createdAt: 0 };
    expect(entrySerializer.deserialize(entrySerializer.serialize(entry))).toEqual(entry);
  });

  it("reads a fresh untagged string value straight from the stored text", () => {
    const value = '{"logicalExpiration":1}';
    const stored = entrySerializer.serialize({
      value,
      logicalExpiration: 2_000,
      tags: [],
      createdAt: 1_000,
    });
    expect(freshStringValue(stored, 1_999)).toBe(value);
    expect(freshStringValue(stored, 2_000)).toBeUndefined();
    const tagged = entrySerializer.serialize({
      value,
      logicalExpiration: 2_000,
      tags: ["t"],
      createdAt: 1_000,
    });
    expect(freshStringValue(tagged, 1_000)).toBeUndefined();
    expect(
      freshStringValue(entrySerializer.serialize({ value: 5, logicalExpiration: 2_000 }), 1_000),
    ).toBeUndefined();
  });
});
