import { describe, expect, it } from "vitest";
import { ValidatedBodies } from "./validated-bodies.js";

describe("ValidatedBodies", () => {
  it("hands a repeated body back frozen, so no request can change what the next one gets", () => {
    const bodies = new ValidatedBodies();
    const text = '{"latitude":51.5,"nested":{"a":1}}';
    bodies.remember(text, JSON.parse(text), { latitude: 51.5, nested: { a: 1 } });
    const parsed = bodies.get(text)?.parsed as { nested: { a: number } };
    expect(parsed).toEqual({ latitude: 51.5, nested: { a: 1 } });
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(() => {
      parsed.nested.a = 2;
    }).toThrow(TypeError);
  });

  it("does not keep large bodies", () => {
    const bodies = new ValidatedBodies();
    const text = JSON.stringify({ padding: "x".repeat(5_000) });
    bodies.remember(text, {}, {});
    expect(bodies.get(text)).toBeUndefined();
  });

  it("forgets the least recently used body first", () => {
    const bodies = new ValidatedBodies();
    for (let index = 0; index < 2_000; index += 1) bodies.remember(`{"i":${index}}`, {}, {});
    bodies.get('{"i":0}');
    bodies.remember('{"i":"new"}', {}, {});
    expect(bodies.get('{"i":0}')).toBeDefined();
    expect(bodies.get('{"i":1}')).toBeUndefined();
  });
});
