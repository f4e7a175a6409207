/**
 * Progressive enhancement of procedure tables: sort buttons in the column
 * headers (with aria-sort kept up to date) and the text filter, whose count
 * is announced through its live region. Without this script the full table
 * is still there, in registry order. The rules are in `table-order.ts`.
 */
import { compareKeys, filterWords, matchesEveryWord, normalise, shownInWords, type Direction } from './table-order.ts';

/** Sorts the body rows by one column; ties keep their registry order. */
function sortTable(table: HTMLTableElement, column: number, direction: Direction): void {
  const headers = Array.from(table.tHead!.rows[0]!.cells);
  const numeric = headers[column]!.dataset.sortType === 'number';
  const body = table.tBodies[0]!;
  const rows = Array.from(body.rows);
  const key = (row: HTMLTableRowElement) => row.cells[column]!.dataset.sort ?? '';
  const registryOrder = (row: HTMLTableRowElement) => Number(row.dataset.order);
  rows.sort((a, b) => compareKeys(key(a), key(b), numeric, direction) || registryOrder(a) - registryOrder(b));
  body.append(...rows);
  headers.forEach((header, index) => {
    if (index === column) header.setAttribute('aria-sort', direction);
    else header.removeAttribute('aria-sort');
  });
}

/** Turns each sortable header's text into a button that sorts by that column, then reverses. */
function enableSorting(table: HTMLTableElement): void {
  Array.from(table.tBodies[0]!.rows).forEach((row, index) => (row.dataset.order = String(index)));
  Array.from(table.tHead!.rows[0]!.cells).forEach((header, column) => {
    if (!header.dataset.sortType) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.append(...Array.from(header.childNodes));
    const indicator = document.createElement('span');
    indicator.className = 'sort-indicator';
    indicator.setAttribute('aria-hidden', 'true');
    button.append(indicator);
    header.append(button);
    button.addEventListener('click', () => {
      sortTable(table, column, header.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending');
    });
  });
}

/** Shows the filter field and hides the rows that do not contain every word typed. */
function enableFilter(filter: HTMLElement): void {
  const table = document.getElementById(filter.dataset.procedureFilter!) as HTMLTableElement | null;
  const input = filter.querySelector('input');
  const status = filter.querySelector('.filter-status');
  if (!table || !input || !status) return;
  const rows = Array.from(table.tBodies[0]!.rows).map((row) => ({ row, text: normalise(row.textContent ?? '') }));
  filter.hidden = false;
  input.addEventListener('input', () => {
    const words = filterWords(input.value);
    let shown = 0;
    for (const { row, text } of rows) {
      row.hidden = !matchesEveryWord(text, words);
      if (!row.hidden) shown += 1;
    }
    status.textContent = words.length === 0 ? '' : shownInWords(shown, rows.length);
  });
}

document.querySelectorAll<HTMLTableElement>('table[data-procedure-table]').forEach(enableSorting);
document.querySelectorAll<HTMLElement>('[data-procedure-filter]').forEach(enableFilter);
