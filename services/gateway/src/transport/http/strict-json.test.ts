import { describe, expect, it } from "vitest";
import { duplicateMemberPath } from "./strict-json.js";

describe("duplicateMemberPath", () => {
  it("finds a repeated member name and says where it is", () => {
    expect(duplicateMemberPath('{"a":1,"a":2}')).toEqual(["a"]);
    expect(duplicateMemberPath('{"x":[{"b":1},{"c":1,"c":2}]}')).toEqual(["x", 1, "c"]);
    expect(duplicateMemberPath('{"o":{"p":{"q":1,"r":2,"q":3}}}')).toEqual(["o", "p", "q"]);
  });

  it("compares names decoded, so an escaped spelling is the same name", () => {
    expect(duplicateMemberPath('{"a":1,"\\u0061":2}')).toEqual(["a"]);
    expect(duplicateMemberPath('{"a\\"b":1,"a\\"b":2}')).toEqual(['a"b']);
  });

  it("accepts equal names in different objects, and strings that look like names", () => {
    expect(duplicateMemberPath('{"a":{"a":1},"b":{"a":2}}')).toBeUndefined();
    expect(
      duplicateMemberPath('{"a":"a","b":["a","a"],"c":"{\\"a\\":1,\\"a\\":2}"}'),
    ).toBeUndefined();
    expect(duplicateMemberPath('[{"a":1},{"a":1}]')).toBeUndefined();
    expect(duplicateMemberPath('"plain"')).toBeUndefined();
  });
});
