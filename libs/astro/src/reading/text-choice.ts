/**
 * Picks one of `count` wordings from a key (FNV-1a hash), so that a given placement always
 * reads the same way in this engine version while different placements vary.
 */
export function pickVariant(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}
