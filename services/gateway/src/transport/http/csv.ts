/**
 * CSV as RFC 4180 has it: CRLF after every record, fields with a comma, a double quote, CR or LF
 * enclosed in double quotes (and their double quotes doubled), a header record first.
 */
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

type CsvValue = string | number | undefined;

function field(value: CsvValue): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  let text = `${header.map(field).join(",")}\r\n`;
  for (const row of rows) text += `${row.map(field).join(",")}\r\n`;
  return text;
}
