import { describe, expect, it } from "vitest";
import { streamCsv } from "./csv.js";

async function written(header: string[], rows: Iterable<(string | number | undefined)[]>) {
  const chunks: string[] = [];
  await streamCsv(
    header,
    rows,
  )(async (chunk) => {
    chunks.push(chunk);
  });
  return chunks;
}

describe("CSV (RFC 4180)", () => {
  it("ends every record with CRLF and quotes only fields that need it", async () => {
    const chunks = await written(
      ["route", "requests", "p50"],
      [
        ["POST /v1/charts", 3, 1.5],
        ['say "hi", twice', 0, undefined],
        ["line\nbreak", 1, 0],
      ],
    );
    expect(chunks.join("")).toBe(
      'route,requests,p50\r\nPOST /v1/charts,3,1.5\r\n"say ""hi"", twice",0,\r\n"line\nbreak",1,0\r\n',
    );
  });

  it("writes rows in chunks as they are produced, each after the one before was taken", async () => {
    let produced = 0;
    function* rows() {
      for (let index = 0; index < 1_234; index += 1) {
        produced += 1;
        yield [index];
      }
    }
    const producedAtWrite: number[] = [];
    const chunks: string[] = [];
    await streamCsv(
      ["n"],
      rows(),
    )(async (chunk) => {
      producedAtWrite.push(produced);
      chunks.push(chunk);
      // The next rows are not produced before this write resolves.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(produced).toBe(producedAtWrite.at(-1));
    });
    expect(producedAtWrite).toEqual([500, 1_000, 1_234]);
    const records = chunks.join("").split("\r\n");
    expect(records).toHaveLength(1_236);
    expect(records[0]).toBe("n");
    expect(records[1_234]).toBe("1233");
  });
});
