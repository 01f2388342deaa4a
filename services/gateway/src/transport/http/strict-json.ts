interface Frame {
  /** The member names seen so far, for an object; undefined for an array. */
  readonly names: Set<string> | undefined;
  /** The next string in this object is a member name. */
  expectingName: boolean;
  /** Where the scan is inside this container: the current member name or element index. */
  segment: string | number;
}

/**
 * The path (member names and indexes) of the first member whose name repeats one earlier in the
 * same object, or undefined when none does. JSON.parse keeps the last of two equal names; other
 * parsers keep the first or refuse, so a strict API refuses them. `text` must already be valid
 * JSON (JSON.parse accepted it): the scan only follows strings and brackets. Names are compared
 * decoded, so "a" and "\u0061" are the same name.
 */
export function duplicateMemberPath(text: string): (string | number)[] | undefined {
  const frames: Frame[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    const char = text.charCodeAt(at);
    if (char === 0x22) {
      let end = at + 1;
      let escaped = false;
      for (;;) {
        const next = text.charCodeAt(end);
        if (next === 0x5c) {
          escaped = true;
          end += 2;
        } else if (next === 0x22) {
          break;
        } else {
          end += 1;
        }
      }
      const top = frames.at(-1);
      if (top?.names !== undefined && top.expectingName) {
        const name = escaped
          ? (JSON.parse(text.slice(at, end + 1)) as string)
          : text.slice(at + 1, end);
        if (top.names.has(name)) return [...frames.slice(0, -1).map((f) => f.segment), name];
        top.names.add(name);
        top.segment = name;
        top.expectingName = false;
      }
      at = end + 1;
      continue;
    }
    if (char === 0x7b) {
      frames.push({ names: new Set(), expectingName: true, segment: "" });
    } else if (char === 0x5b) {
      frames.push({ names: undefined, expectingName: false, segment: 0 });
    } else if (char === 0x7d || char === 0x5d) {
      frames.pop();
    } else if (char === 0x2c) {
      const top = frames.at(-1);
      if (top?.names !== undefined) top.expectingName = true;
      else if (top !== undefined) top.segment = (top.segment as number) + 1;
    }
    at += 1;
  }
  return undefined;
}
