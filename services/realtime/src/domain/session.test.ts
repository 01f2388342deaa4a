import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { Hub } from "./hub.js";
import { type ChannelPosition, type Publication, publicationOf, type Recovery } from "./model.js";
import type { BatchOwners, ChannelHistory } from "./ports.js";
import { Session } from "./session.js";

/** History kept in memory, for the session's ordering logic alone. */
class MemoryHistory implements ChannelHistory, BatchOwners {
  readonly stored: Publication[] = [];
  async appendMany(): Promise<ChannelPosition[][]> {
    return [];
  }
  async position(): Promise<ChannelPosition> {
    return { offset: 0, epoch: "e1" };
  }
  async since(_account: string, _channel: string, since: ChannelPosition): Promise<Recovery> {
    const top = this.stored.at(-1)?.offset ?? 0;
    return {
      recovered: true,
      position: { offset: top, epoch: "e1" },
      publications: this.stored.filter((publication) => publication.offset > since.offset),
    };
  }
  async remember(): Promise<void> {}
  async ownerOf(): Promise<string | undefined> {
    return undefined;
  }
}

async function subscribedSession() {
  const history = new MemoryHistory();
  const sent: string[] = [];
  const session = new Session(
    {
      accountId: "acc_1",
      keyId: "key_1",
      scopes: ["realtime:connect"],
      connectionLimit: 2,
      expiresAt: undefined,
    },
    {
      send: (frame) => sent.push(frame),
      publish: (publication) => sent.push(publication.frame),
      close: () => undefined,
    },
    {
      hub: new Hub(history, history),
      history,
      owners: history,
      authenticator: { authenticate: async () => ({ kind: "invalid" }) },
      now: Date.now,
    },
  );
  await session.subscribe({ channel: "account" });
  const publication = (offset: number) => publicationOf("account", offset, "e1", `{"n":${offset}}`);
  const offsets = () =>
    sent
      .map((frame) => JSON.parse(frame) as { type: string; offset: number })
      .filter((frame) => frame.type === "publication")
      .map((frame) => frame.offset);
  return { session, history, publication, offsets };
}

describe("a session's live publications", () => {
  it("go out once each, in offset order, when they arrive out of order", async () => {
    const { session, publication, offsets } = await subscribedSession();
    for (const offset of [1, 3, 2, 2, 4, 1]) session.deliver(publication(offset));
    expect(offsets()).toEqual([1, 2, 3, 4]);
    session.end();
  });

  it("fill a gap from history when the missing offset never comes live", async () => {
    const { session, history, publication, offsets } = await subscribedSession();
    history.stored.push(publication(1), publication(2), publication(3));
    session.deliver(publication(1));
    session.deliver(publication(3));
    expect(offsets()).toEqual([1]);
    await sleep(120);
    expect(offsets()).toEqual([1, 2, 3]);
    session.end();
  });
});
