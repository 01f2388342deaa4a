import { describe, expect, it } from "vitest";
import { bodyForKind, describeEvent } from "./chat-presets.js";
import { EVENT_CATALOGUE, eventBody, MAX_PAYLOAD_BYTES } from "./event-catalogue.js";

describe("chat presets", () => {
  it("describes every catalogued type in its own words", () => {
    for (const type of EVENT_CATALOGUE) {
      const text = describeEvent({ type: type.name, timestamp: "", data: type.exampleData });
      expect(text, type.name).not.toBe(`${type.name} event.`);
      expect(text, type.name).not.toContain("undefined");
    }
  });

  it("posts {text} to Slack, {content} to Discord and the event itself to a standard endpoint", () => {
    const event = eventBody("key.revoked", new Date("2026-12-01T12:00:00Z"), {
      accountId: "acc_1",
      keyId: "key_1",
    });
    expect(bodyForKind("standard", event)).toBe(event);
    expect(JSON.parse(bodyForKind("slack", event).toString())).toEqual({
      text: "[Orrery] API key key_1 was revoked.",
    });
    expect(JSON.parse(bodyForKind("discord", event).toString())).toEqual({
      content: "[Orrery] API key key_1 was revoked.",
    });
  });
});

describe("event catalogue", () => {
  it("gives each type an example whose data fits its schema's properties and required fields", () => {
    for (const type of EVENT_CATALOGUE) {
      const schema = type.dataSchema as { properties: Record<string, unknown>; required: string[] };
      for (const field of schema.required)
        expect(type.exampleData, `${type.name}.${field}`).toHaveProperty(field);
      for (const field of Object.keys(type.exampleData)) {
        expect(schema.properties, `${type.name}.${field}`).toHaveProperty(field);
      }
    }
  });

  it("builds the signed body as {type, timestamp, data} and refuses one over 256 KiB", () => {
    const body = eventBody("webhook.test", new Date("2026-12-01T12:00:00Z"), { message: "hi" });
    expect(body.toString()).toBe(
      '{"type":"webhook.test","timestamp":"2026-12-01T12:00:00.000Z","data":{"message":"hi"}}',
    );
    expect(() =>
      eventBody("webhook.test", new Date(), { message: "x".repeat(MAX_PAYLOAD_BYTES) }),
    ).toThrow();
  });
});
