import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export interface Series {
  label: string;
  values: (number | null)[];
}

const COLOURS = ['#b3261e', '#1d4f91', '#2e7d32', '#8d6e00'];

/**
 * A bar chart with its figures also in a table (screen readers and people who prefer numbers read the table;
 * the canvas is described by its caption).
 */
export function BarChart({ title, labels, series, unit = '%', testId }: { title: string; labels: string[]; series: Series[]; unit?: string; testId?: string }) {
  const format = (value: number | null) => (value === null ? '—' : unit === '%' ? `${Math.round(value * 1000) / 10}%` : value.toLocaleString('vi-VN'));
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="chart-canvas">
        <Bar
          aria-label={title}
          role="img"
          data={{
            labels,
            datasets: series.map((s, i) => ({ label: s.label, data: s.values.map((v) => (v === null ? null : unit === '%' ? v * 100 : v)), backgroundColor: COLOURS[i % COLOURS.length] })),
          }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: { y: { beginAtZero: true, ...(unit === '%' ? { max: 100, ticks: { callback: (v) => `${v}%` } } : {}) } },
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
