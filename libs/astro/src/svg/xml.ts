/** Escapes text for use in XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Fixed two decimals: stable output and plenty for screen coordinates. */
export function num(value: number): string {
  const r = value.toFixed(2);
  return r === "-0.00" ? "0.00" : r;
}
