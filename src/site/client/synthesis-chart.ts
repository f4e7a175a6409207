/**
 * Draws the synthesis chart of a procedure page: monthly shares of the five
 * colours as stacked bars. Only the Chart.js parts used are imported, to keep
 * the script within its size budget. The numbers come from the page itself
 * (the JSON the server wrote next to the canvas), the same as the table's.
 */
import { formatShare } from '../../lib/format.ts';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** What the page hands to the chart. */
export interface ChartData {
  labels: string[];
  series: { colour: string; label: string; fill: string; pattern: 'solid' | 'stripes' | 'dots' | 'grid'; shares: (number | null)[] }[];
}

/**
 * A fill with a pattern, so that colours stay distinguishable without colour
 * vision and in greyscale print (rouge is striped, noir solid).
 */
function patternFill(fill: string, pattern: ChartData['series'][number]['pattern']): CanvasPattern | string {
  if (pattern === 'solid') return fill;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const context = tile.getContext('2d');
  if (!context) return fill;
  context.fillStyle = fill;
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = context.fillStyle = '#ffffff';
  context.lineWidth = 2;
  if (pattern === 'stripes') {
    context.beginPath();
    context.moveTo(0, 8);
    context.lineTo(8, 0);
    context.stroke();
  } else if (pattern === 'dots') {
    context.beginPath();
    context.arc(4, 4, 1.3, 0, Math.PI * 2);
    context.fill();
  } else {
    context.lineWidth = 1;
    context.strokeRect(0.5, 0.5, 7, 7);
  }
  return context.createPattern(tile, 'repeat') ?? fill;
}

function draw(canvas: HTMLCanvasElement, data: ChartData): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((series) => ({
        label: series.label,
        data: series.shares.map((share) => (share === null ? null : share * 100)),
        backgroundColor: patternFill(series.fill, series.pattern),
        borderColor: '#1b1b1b',
        borderWidth: 1,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, min: 0, max: 100, ticks: { callback: (value) => `${value} %` }, title: { display: true, text: 'Part des sondages réussis' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}\u00a0: ${formatShare(Number(item.raw) / 100)}` } },
      },
    },
  });
}

for (const figure of document.querySelectorAll<HTMLElement>('[data-synthesis-chart]')) {
  const canvas = figure.querySelector('canvas');
  const source = figure.querySelector('script[type="application/json"]');
  if (!canvas || !source?.textContent) continue;
  const chart = draw(canvas, JSON.parse(source.textContent) as ChartData);
  // What the chart actually holds, readable by tests and by anyone inspecting the page.
  figure.dataset.drawn = JSON.stringify(chart.data.datasets.map((dataset) => ({ label: dataset.label, data: dataset.data })));
  // Canvas charts keep their screen size on paper unless resized for print.
  const resize = () => chart.resize();
  window.matchMedia('print').addEventListener('change', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
}
