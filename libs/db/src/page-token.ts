import { DomainError } from "@orrery/errors";

/** Where a newest-first page ends: the last row's creation time and id. */
export interface Cursor {
  readonly createdAt: Date;
  readonly id: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function pageSize(requested: number): number {
  if (requested === 0) return DEFAULT_PAGE_SIZE;
  if (requested > MAX_PAGE_SIZE) {
    throw new DomainError("PAGE_SIZE_TOO_LARGE", `A page holds at most ${MAX_PAGE_SIZE} items.`, {
      metadata: { limit: String(MAX_PAGE_SIZE) },
    });
  }
  return requested;
}

export function encodePageToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.getTime(), cursor.id])).toString("base64url");
}

export function decodePageToken(token: string): Cursor | undefined {
  if (token === "") return undefined;
  try {
    const [millis, id] = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown[];
    if (typeof millis === "number" && Number.isSafeInteger(millis) && typeof id === "string") {
      return { createdAt: new Date(millis), id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new DomainError("INVALID_PAGE_TOKEN", "The page token is not one this API returned.");
}

/** Rows fetched one past the page size tell whether another page follows. */
export function toPage<T extends { createdAt: Date; id: string }>(
  rows: readonly T[],
  size: number,
): { items: T[]; nextPageToken: string | undefined } {
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return {
    items,
    nextPageToken: rows.length > size && last !== undefined ? encodePageToken(last) : undefined,
  };
}
