/**
 * The date-range selection of a raw-data month: hides the days outside the
 * range (so printing prints only them), updates the period in the statement
 * and in the printed footer, and keeps the range in the URL hash so that a
 * selection can be shared. The days are looked up at each change, so rows an
 * older month draws later (client/raw-month.ts) are filtered too: on such a
 * page the form appears, and a shared range applies, once its
 * `raw-month:rendered` event says the rows are in.
 */
import { countOf, formatShortDay } from '../../lib/format.ts';

const form = document.querySelector<HTMLFormElement>('[data-range-filter]');

if (form) {
  const from = form.elements.namedItem('from') as HTMLInputElement;
  const to = form.elements.namedItem('to') as HTMLInputElement;
  const status = form.querySelector('[data-range-status]');
  const period = document.querySelector('[data-period]');
  const footerStyle = document.querySelector<HTMLStyleElement>('head style');
  const originalFooter = footerStyle?.textContent ?? '';
  const originalPeriod = period?.textContent ?? '';

  const apply = (first: string, last: string, updateHash: boolean) => {
    const [low, high] = first <= last ? [first, last] : [last, first];
    let shown = 0;
    for (const day of document.querySelectorAll<HTMLTableSectionElement>('tbody[data-day]')) {
      const visible = day.dataset.day! >= low && day.dataset.day! <= high;
      day.hidden = !visible;
      if (visible) shown += day.rows.length;
    }
    const text = `du ${formatShortDay(low)} au ${formatShortDay(high)}`;
    const whole = low === from.min && high === from.max;
    if (period) period.textContent = whole ? originalPeriod : text;
    if (footerStyle)
      footerStyle.textContent = originalFooter.replace(
        /période du [^·"]*?(?=\s*[·"])/,
        `période ${whole ? originalPeriod : text}`,
      );
    if (status) status.textContent = `${countOf(shown, 'sondage affiché', 'sondages affichés')}.`;
    if (updateHash) history.replaceState(null, '', whole ? location.pathname : `#du=${low}&au=${high}`);
  };

  const start = () => {
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (from.value && to.value) apply(from.value, to.value, true);
    });
    form.addEventListener('reset', () => {
      setTimeout(() => apply(from.min, from.max, true));
    });
    const selection = /^#du=(\d{4}-\d{2}-\d{2})&au=(\d{4}-\d{2}-\d{2})$/.exec(location.hash);
    if (selection && selection[1]! >= from.min && selection[2]! <= from.max) {
      from.value = selection[1]!;
      to.value = selection[2]!;
      apply(selection[1]!, selection[2]!, false);
    }
  };

  // An older month's rows arrive later; until they do there is nothing to filter (and never, if they fail).
  const pending = document.querySelector('table[data-raw-month-csv]:not([data-raw-month-rendered])');
  if (pending) document.addEventListener('raw-month:rendered', start, { once: true });
  else start();
}
