import { describe, expect, it } from "vitest";
import { type UsageCount, UsageLedger, type UsageScope } from "./usage-ledger.js";

const cycle = { cycleStart: new Date("2026-11-01Z"), cycleEnd: new Date("2026-12-01Z") };

describe("UsageLedger", () => {
  it("keeps counters that failed to persist for the next flush", async () => {
    const saved: UsageCount[][] = [];
    let failSave = true;
    const ledger = new UsageLedger({
      counters: {
        read: async (scopes: readonly UsageScope[]) =>
          scopes.map((scope) => ({ ...scope, ...cycle, used: 3 })),
        restoreGeneration: async () => undefined,
        restore: async () => undefined,
        markRestored: async () => undefined,
      },
      repository: {
        async save(counts) {
          if (failSave) {
            failSave = false;
            throw new Error("database down");
          }
          saved.push([...counts]);
        },
        activeCounts: async () => [],
      },
      onError: () => undefined,
    });
    ledger.markCharged({ accountId: "acc_1", scope: "account" });
    await ledger.flush();
    expect(saved).toEqual([]);
    ledger.markCharged({ accountId: "acc_2", scope: "key:key_1" });
    await ledger.flush();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.map((count) => count.accountId).sort()).toEqual(["acc_1", "acc_2"]);
    await ledger.flush();
    expect(saved).toHaveLength(1);
  });

  it("restores persisted counts under the generation Redis asks for, then marks it", async () => {
    const calls: string[] = [];
    const ledger = new UsageLedger({
      counters: {
        read: async () => [],
        restoreGeneration: async () => "gen-1",
        restore: async (generation, counts) => {
          calls.push(`restore ${generation} ${counts.length}`);
        },
        markRestored: async (generation) => {
          calls.push(`mark ${generation}`);
        },
      },
      repository: {
        save: async () => undefined,
        activeCounts: async () => [{ accountId: "acc_1", scope: "account", ...cycle, used: 7 }],
      },
      onError: () => undefined,
    });
    expect(await ledger.restoreIfNeeded()).toBe(true);
    expect(calls).toEqual(["restore gen-1 1", "mark gen-1"]);
  });
});
