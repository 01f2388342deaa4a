/**
 * How bentocache stores an entry (value + expiry metadata) in L1 and L2. Cached values here are
 * serialized results (JSON or SVG text); JSON.stringify of the wrapper would escape every quote
 * of them and JSON.parse would copy them back on every L1 hit. Instead a string value goes
 * after a short JSON header, and reading it back is a header parse and a slice.
 *
 *   s<header length>:<header JSON><value>     string values
 *   j<JSON of the whole entry>                anything else (bentocache's own tag entries)
 */
export const entrySerializer = {
  serialize(entry: { value: unknown; [field: string]: unknown }): string {
    if (typeof entry.value !== "string") return `j${JSON.stringify(entry)}`;
    const { value, ...metadata } = entry;
    const header = JSON.stringify(metadata);
    return `s${header.length}:${header}${value}`;
  },
  deserialize(text: unknown): unknown {
    if (typeof text !== "string") return text;
    if (text.startsWith("j")) return JSON.parse(text.slice(1));
    if (!text.startsWith("s")) return undefined;
    const colon = text.indexOf(":");
    const headerLength = Number(text.slice(1, colon));
    const headerEnd = colon + 1 + headerLength;
    const metadata = JSON.parse(text.slice(colon + 1, headerEnd)) as Record<string, unknown>;
    return { ...metadata, value: text.slice(headerEnd) };
  },
};

/**
 * The value of a stored string entry while it is fresh at `now`, read without parsing the whole
 * header (the hot path of an L1 hit); undefined when absent, stale, tagged or not a string.
 */
export function freshStringValue(stored: string, now: number): string | undefined {
  if (!stored.startsWith("s")) return undefined;
  const colon = stored.indexOf(":");
  const headerEnd = colon + 1 + Number(stored.slice(1, colon));
  const expiryAt = stored.indexOf('"logicalExpiration":', colon);
  if (expiryAt === -1 || expiryAt > headerEnd) return undefined;
  const expiry = Number.parseInt(stored.slice(expiryAt + 20, expiryAt + 40), 10);
  if (!(now < expiry)) return undefined;
  const tagsAt = stored.indexOf('"tags":', colon);
  if (tagsAt !== -1 && tagsAt < headerEnd && stored.charAt(tagsAt + 8) !== "]") return undefined;
  return stored.slice(headerEnd);
}
