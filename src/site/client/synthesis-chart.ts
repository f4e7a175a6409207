/**
 * Draws the synthesis chart of a procedure page: monthly shares of the five
 * colours as stacked bars, and the share of failed probes as a dashed line.
 * Only the Chart.js parts used are imported, to keep the script within its
 * size budget. The numbers and the tooltips' words come from the page itself
 * (the JSON the server wrote next to the canvas), written by the same rule as
 * the table's: nothing is formatted here.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

/** What the page hands to the chart. */
export interface ChartData {
  /** Each month's label lines: the month, then its mark (« mois en cours », « sondé en partie ») if any. */
  labels: string[][];
  series: {
    colour: string;
    label: string;
    fill: string;
    pattern: 'solid' | 'stripes' | 'dots' | 'grid';
    shares: (number | null)[];
    /** The tooltip of each month, with the counts: « Noir : 28,6 % (2 sur 7 sondages réussis) ». */
    tooltips: string[];
  }[];
  /** Failed probes among those attempted, each month. */
  failures: { label: string; shares: (number | null)[]; tooltips: string[] };
}

/** Axis and legend text: at least 14 px, in the site's ink (contrast above 15:1 on white). */
const TEXT = { size: 14 };
const INK = '#1b1b1b';

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
      datasets: [
        ...data.series.map((series) => ({
          type: 'bar' as const,
          label: series.label,
          data: series.shares.map((share) => (share === null ? null : share * 100)),
          backgroundColor: patternFill(series.fill, series.pattern),
          borderColor: INK,
          borderWidth: 1,
          stack: 'colours',
          order: 2,
        })),
        {
          type: 'line' as const,
          label: data.failures.label,
          data: data.failures.shares.map((share) => (share === null ? null : share * 100)),
          borderColor: '#8a4b00',
          backgroundColor: '#8a4b00',
          borderDash: [6, 4],
          borderWidth: 2,
          pointRadius: 3,
          pointStyle: 'rectRot',
          order: 1,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true, ticks: { font: TEXT, color: INK } },
        y: {
          stacked: true,
          min: 0,
          max: 100,
          ticks: { callback: (value) => `${value}\u00a0%`, font: TEXT, color: INK },
          title: { display: true, text: 'Part des sondages (%)', font: TEXT, color: INK },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { font: TEXT, color: INK } },
        tooltip: {
          bodyFont: TEXT,
          titleFont: TEXT,
          callbacks: {
            title: (items) => (items[0] ? data.labels[items[0].dataIndex]!.join(' ') : ''),
            label: (item) =>
              item.datasetIndex < data.series.length
                ? data.series[item.datasetIndex]!.tooltips[item.dataIndex]!
                : data.failures.tooltips[item.dataIndex]!,
          },
        },
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
  figure.dataset.drawn = JSON.stringify(
    chart.data.datasets.map((dataset) => ({ label: dataset.label, data: dataset.data })),
  );
  // Canvas charts keep their screen size on paper unless resized for print.
  const resize = () => chart.resize();
  window.matchMedia('print').addEventListener('change', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
}
