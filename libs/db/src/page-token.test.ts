import { DomainError } from "@orrery/errors";
import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, MAX_PAGE_SIZE, pageSize, toPage } from "./page-token.js";

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe("page tokens", () => {
  it("give back the cursor they were made from", () => {
    const cursor = { createdAt: new Date("2026-12-01T10:00:00.123Z"), id: "key_01" };
    expect(decodePageToken(encodePageToken(cursor))).toEqual(cursor);
    expect(decodePageToken("")).toBeUndefined();
  });

  it("refuse a token this API did not make", () => {
    for (const token of ["not-base64!", Buffer.from("[1]").toString("base64url"), "e30"]) {
      expect(
        codeOf(() => decodePageToken(token)),
        token,
      ).toBe("INVALID_PAGE_TOKEN");
    }
  });

  it("bound the page size, 0 meaning the default", () => {
    expect(pageSize(0)).toBeGreaterThan(0);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(codeOf(() => pageSize(MAX_PAGE_SIZE + 1))).toBe("PAGE_SIZE_TOO_LARGE");
  });

  it("name a next page only when a row past the page was fetched", () => {
    const rows = [3, 2, 1].map((n) => ({ createdAt: new Date(n * 1000), id: `row_${n}` }));
    const full = toPage(rows, 2);
    expect(full.items.map((row) => row.id)).toEqual(["row_3", "row_2"]);
    expect(decodePageToken(full.nextPageToken ?? "")).toEqual(rows[1]);
    expect(toPage(rows, 3).nextPageToken).toBeUndefined();
  });
});
