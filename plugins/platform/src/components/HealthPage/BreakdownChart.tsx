import { useMemo } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * Counts per category (state, team, environment) as a bar or pie chart. The
 * numbers are also its accessible name, for those who cannot see the chart.
 * With `formatValue` the values are amounts (money) rather than counts.
 */
export function BreakdownChart(props: {
  title: string;
  counts: Record<string, number>;
  kind: 'bar' | 'pie';
  /** Writes a value, such as an amount with its currency; counts as they are by default. */
  formatValue?: (value: number) => string;
  /** What the bars measure; "Resources" by default. */
  valueLabel?: string;
  /** Said when there is nothing to chart; "No active resources." by default. */
  emptyText?: string;
}) {
  const { formatValue, valueLabel = 'Resources' } = props;
  const write = formatValue ?? String;
  const theme = useTheme();
  // A zero has no area: as a slice it would be drawn as a sliver line.
  const data = useMemo(
    () =>
      Object.entries(props.counts)
        .filter(([, count]) => count > 0)
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count),
    [props.counts],
  );
  const colours = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
    theme.palette.error.main,
    theme.palette.info.main,
    theme.palette.grey[500],
  ];
  const description = `${props.title}: ${data
    .map(entry => `${entry.name} ${write(entry.count)}`)
    .join(', ')}`;

  return (
    <InfoCard title={props.title}>
      {data.length === 0 ? (
        <Typography variant="body2">
          {props.emptyText ?? 'No active resources.'}
        </Typography>
      ) : (
        <div role="img" aria-label={description}>
          {/* The label above says what the chart shows; its shapes are decoration. */}
          <div aria-hidden="true">
            <ResponsiveContainer
              width="100%"
              height={260}
              initialDimension={{ width: 400, height: 260 }}
            >
              {props.kind === 'pie' ? (
                <PieChart>
                  {/* A lone slice is a whole disc; recharts still closes it
                      with an edge from the centre, which must not show. */}
                  <Pie
                    data={data}
                    dataKey="count"
                    nameKey="name"
                    label
                    stroke={theme.palette.background.paper}
                    blendStroke={data.length === 1}
                    // Hidden from assistive technology, so out of tab order too.
                    rootTabIndex={-1}
                  >
                    {data.map((entry, index) => (
                      <Cell
                        key={entry.name}
                        fill={colours[index % colours.length]}
                      />
                    ))}
                  </Pie>
                  <Tooltip formatter={(value: number) => write(value)} />
                  <Legend />
                </PieChart>
              ) : (
                <BarChart data={data}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={formatValue !== undefined} />
                  <Tooltip formatter={(value: number) => write(value)} />
                  <Bar
                    dataKey="count"
                    name={valueLabel}
                    fill={theme.palette.primary.main}
                  />
                </BarChart>
              )}
            </ResponsiveContainer>
          </div>
        </div>
      )}
    </InfoCard>
  );
}
