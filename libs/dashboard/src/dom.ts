/** The element with this id; the page's markup (index.html) declares every one used. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

/** Replaces a table's rows; every cell is text (textContent), never markup. */
export function fillTable(
  table: HTMLTableElement,
  rows: readonly (readonly string[])[],
  empty: string,
): void {
  const body = table.tBodies[0] ?? table.createTBody();
  body.replaceChildren();
  if (rows.length === 0) {
    const row = body.insertRow();
    const cell = row.insertCell();
    cell.colSpan = table.tHead?.rows[0]?.cells.length ?? 1;
    cell.className = "muted";
    cell.textContent = empty;
    return;
  }
  for (const values of rows) {
    const row = body.insertRow();
    values.forEach((value, index) => {
      const cell = index === 0 ? document.createElement("th") : row.insertCell();
      if (index === 0) {
        cell.setAttribute("scope", "row");
        row.append(cell);
      }
      cell.textContent = value;
    });
  }
}

/** Writes each metric into the elements that carry its name in `attribute`. */
export function fillMetrics(
  scope: HTMLElement,
  attribute: string,
  values: Record<string, string>,
): void {
  for (const element of scope.querySelectorAll<HTMLElement>(`[${attribute}]`)) {
    const name = element.getAttribute(attribute) ?? "";
    if (Object.hasOwn(values, name)) element.textContent = values[name] ?? "–";
  }
}
