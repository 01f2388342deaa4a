import { describe, expect, it } from "vitest";
import { type AccountFacts, CachedAccountDirectory } from "./accounts.js";

const facts = (plan: AccountFacts["plan"]): AccountFacts => ({
  accountId: "acc_1",
  plan,
  overrides: undefined,
  billingCycleAnchorDay: 1,
  suspended: false,
});

describe("CachedAccountDirectory", () => {
  it("shares one look-up between concurrent misses, and forgets on invalidate", async () => {
    let lookups = 0;
    let plan: AccountFacts["plan"] = "free";
    const directory = new CachedAccountDirectory(
      {
        async get() {
          lookups += 1;
          return facts(plan);
        },
      },
      { ttlMs: 60_000, maxEntries: 10 },
    );
    const [a, b] = await Promise.all([directory.get("acc_1"), directory.get("acc_1")]);
    expect(lookups).toBe(1);
    expect(a?.plan).toBe("free");
    expect(b?.plan).toBe("free");
    plan = "premium";
    expect((await directory.get("acc_1"))?.plan).toBe("free");
    directory.invalidate("acc_1");
    expect((await directory.get("acc_1"))?.plan).toBe("premium");
    expect(lookups).toBe(2);
  });

  it("expires entries after the TTL and does not keep failures", async () => {
    let now = 0;
    let fail = true;
    let lookups = 0;
    const directory = new CachedAccountDirectory(
      {
        async get() {
          lookups += 1;
          if (fail) throw new Error("api-key down");
          return facts("basic");
        },
      },
      { ttlMs: 1_000, maxEntries: 10, now: () => now },
    );
    await expect(directory.get("acc_1")).rejects.toThrow("api-key down");
    fail = false;
    expect((await directory.get("acc_1"))?.plan).toBe("basic");
    now = 1_500;
    await directory.get("acc_1");
    expect(lookups).toBe(3);
  });
});
