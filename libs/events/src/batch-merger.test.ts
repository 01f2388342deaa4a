import { describe, expect, it } from "vitest";
import { BatchMerger } from "./batch-merger.js";

function recording(limits: { maxItems: number; maxWaitMs: number; maxBatches: number }) {
  const groups: number[][] = [];
  const merger = new BatchMerger<number>(limits, async (items) => {
    groups.push([...items]);
  });
  return { groups, merger };
}

describe("BatchMerger", () => {
  it("hands batches added within the wait to one handler call, in the order added", async () => {
    const { groups, merger } = recording({ maxItems: 100, maxWaitMs: 20, maxBatches: 10 });
    await Promise.all([merger.add([1, 2]), merger.add([3]), merger.add([4, 5])]);
    expect(groups).toEqual([[1, 2, 3, 4, 5]]);
  });

  it("hands a lone batch on after the wait", async () => {
    const { groups, merger } = recording({ maxItems: 100, maxWaitMs: 20, maxBatches: 10 });
    const started = performance.now();
    await merger.add([1]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(groups).toEqual([[1]]);
  });

  it("hands a group on at once when it reaches the item or batch limit", async () => {
    const byItems = recording({ maxItems: 3, maxWaitMs: 60_000, maxBatches: 10 });
    const first = byItems.merger.add([1, 2]);
    await byItems.merger.add([3]);
    await first;
    expect(byItems.groups).toEqual([[1, 2, 3]]);

    const byBatches = recording({ maxItems: 100, maxWaitMs: 60_000, maxBatches: 2 });
    await Promise.all([byBatches.merger.add([1]), byBatches.merger.add([2])]);
    expect(byBatches.groups).toEqual([[1, 2]]);
  });

  it("starts a new group after one was handed on", async () => {
    const { groups, merger } = recording({ maxItems: 2, maxWaitMs: 20, maxBatches: 10 });
    await Promise.all([merger.add([1, 2]), merger.add([3])]);
    expect(groups).toEqual([[1, 2], [3]]);
  });

  it("rejects every batch of a group whose handling failed, and only those", async () => {
    let calls = 0;
    const merger = new BatchMerger<number>(
      { maxItems: 100, maxWaitMs: 10, maxBatches: 2 },
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("database away");
      },
    );
    const results = await Promise.allSettled([merger.add([1]), merger.add([2])]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    await expect(merger.add([3])).resolves.toBeUndefined();
  });
});
