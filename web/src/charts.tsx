import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { num, percent } from './format';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export interface Series {
  label: string;
  values: (number | null)[];
}

const COLOURS = ['#b3261e', '#1d4f91', '#2e7d32', '#8d6e00'];
/** Characters per line of a label: longer ones (a movement's title) break at spaces and the bars lie down. */
const LINE = 28;
const LINE_PX = 16;

/** A label in lines of about LINE characters, broken at spaces. */
export function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= LINE) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

/**
 * A bar chart with its figures also in a table (screen readers and people who prefer numbers read the table;
 * the canvas is described by its caption). Long labels lie beside horizontal bars, in lines of their own, so they
 * never overlap; counts step by whole numbers.
 */
export function BarChart({ title, labels, series, unit = '%', testId }: { title: string; labels: string[]; series: Series[]; unit?: string; testId?: string }) {
  const format = (value: number | null) => (value === null ? '—' : unit === '%' ? percent(value) : num(value));
  const wrapped = labels.map(wrapLabel);
  const horizontal = wrapped.some((lines) => lines.length > 1);
  const valueAxis = { beginAtZero: true, ...(unit === '%' ? { max: 100, ticks: { callback: (v: string | number) => `${v}%` } } : { ticks: { precision: 0 } }) };
  // lying bars: each as tall as its label's lines, with room for the legend and the value axis
  const height = horizontal ? Math.max(...wrapped.map((l) => l.length)) * LINE_PX * labels.length + labels.length * 12 + 80 : undefined;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="chart-canvas" style={height ? { height: `${height}px` } : undefined}>
        <Bar
          aria-label={title}
          role="img"
          data={{
            labels: wrapped,
            datasets: series.map((s, i) => ({ label: s.label, data: s.values.map((v) => (v === null ? null : unit === '%' ? v * 100 : v)), backgroundColor: COLOURS[i % COLOURS.length] })),
          }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            indexAxis: horizontal ? 'y' : 'x',
            scales: horizontal ? { x: valueAxis, y: { ticks: { autoSkip: false } } } : { y: valueAxis, x: { ticks: { autoSkip: false } } },
            plugins: { legend: { position: 'bottom' } },
          }}
        />
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Nhóm</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, row) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.label}>{format(s.values[row] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
