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
 */
export function BreakdownChart(props: {
  title: string;
  counts: Record<string, number>;
  kind: 'bar' | 'pie';
}) {
  const theme = useTheme();
  const data = useMemo(
    () =>
      Object.entries(props.counts)
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
    .map(entry => `${entry.name} ${entry.count}`)
    .join(', ')}`;

  return (
    <InfoCard title={props.title}>
      {data.length === 0 ? (
        <Typography variant="body2">No active resources.</Typography>
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
                  <Pie data={data} dataKey="count" nameKey="name" label>
                    {data.map((entry, index) => (
                      <Cell
                        key={entry.name}
                        fill={colours[index % colours.length]}
                      />
                    ))}
                  </Pie>
                  <Tooltip />
                  <Legend />
                </PieChart>
              ) : (
                <BarChart data={data}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar
                    dataKey="count"
                    name="Resources"
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
