import { stackComponent, waitFor } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { adminKey, BatchApi, chartItems } from "./support/batch-api.js";

// batch-worker killed (SIGKILL) in the middle of a batch: its unfinished unit is redone by the
// restarted process, and no item is lost or counted twice.
let api: BatchApi;

beforeAll(async () => {
  api = new BatchApi(await adminKey());
});

describe("batch-worker crash", () => {
  it("loses no item and counts none twice when batch-worker is killed mid-batch", async () => {
    const owner = await api.tenant();
    const size = 4_000;
    const created = await api.submitJsonl(owner.key, chartItems(size));
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await waitFor(
      async () => {
        const batch = await api.call("GET", `/v1/batches/${id}`, owner.key);
        return (batch.body.requestCounts as { completed: number }).completed >= 300;
      },
      { timeoutMs: 60_000, message: "a few hundred items done" },
    );
    await stackComponent("kill", "batch-worker");
    await stackComponent("up", "batch-worker");

    const done = await api.until(owner.key, id, ["completed"], 170_000);
    expect(done.requestCounts).toEqual({ total: size, completed: size, failed: 0 });
    const results = await api.lines(owner.key, id, "results");
    const indexes = results.lines.map((line) => line.index as number);
    expect(indexes.length).toBe(size);
    expect(new Set(indexes).size).toBe(size);
    expect(indexes[0]).toBe(0);
    expect(indexes.at(-1)).toBe(size - 1);
    const errors = await api.lines(owner.key, id, "errors");
    expect(errors.lines).toEqual([]);
  });
});
