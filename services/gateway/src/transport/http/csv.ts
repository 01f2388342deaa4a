import type { StreamWriter } from "./route.js";

/**
 * CSV as RFC 4180 has it: CRLF after every record, fields with a comma, a double quote, CR or LF
 * enclosed in double quotes (and their double quotes doubled), a header record first.
 */
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

export type CsvValue = string | number | undefined;

/** Records per write: one write per record would cost a promise and a socket call each. */
const RECORDS_PER_CHUNK = 500;

function field(value: CsvValue): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function record(values: readonly CsvValue[]): string {
  return `${values.map(field).join(",")}\r\n`;
}

/**
 * A CSV body written as it is produced: the header record, then the rows a chunk at a time as
 * the iterable yields them, each chunk waiting until the client has taken the one before
 * (back-pressure), so an export is never held whole as text.
 */
export function streamCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
): (write: StreamWriter) => Promise<void> {
  return async (write) => {
    let chunk = record(header);
    let records = 0;
    for (const row of rows) {
      chunk += record(row);
      records += 1;
      if (records === RECORDS_PER_CHUNK) {
        await write(chunk);
        chunk = "";
        records = 0;
      }
    }
    if (chunk !== "") await write(chunk);
  };
}
