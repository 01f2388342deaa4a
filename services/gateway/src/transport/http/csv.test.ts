import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";

describe("CSV (RFC 4180)", () => {
  it("ends every record with CRLF and quotes only fields that need it", () => {
    expect(
      toCsv(
        ["route", "requests", "p50"],
        [
          ["POST /v1/charts", 3, 1.5],
          ['say "hi", twice', 0, undefined],
          ["line\nbreak", 1, 0],
        ],
      ),
    ).toBe(
      'route,requests,p50\r\nPOST /v1/charts,3,1.5\r\n"say ""hi"", twice",0,\r\n"line\nbreak",1,0\r\n',
    );
  });
});
