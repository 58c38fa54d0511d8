import { useMemo } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ProvisionTimeStats } from '../../api/types';
import { formatDuration } from './formatDuration';

/** Average, median and 95th percentile provisioning time per offering. */
export function ProvisionTimeChart(props: {
  byOffering: Record<string, ProvisionTimeStats>;
  offeringNames: Map<string, string>;
}) {
  const theme = useTheme();
  const data = useMemo(
    () =>
      Object.entries(props.byOffering).map(([offering, stats]) => ({
        name: props.offeringNames.get(offering) ?? offering,
        average: stats.averageSeconds,
        p50: stats.p50Seconds,
        p95: stats.p95Seconds,
        count: stats.count,
      })),
    [props.byOffering, props.offeringNames],
  );
  const description = `Provisioning time per offering: ${data
    .map(
      entry =>
        `${entry.name} average ${formatDuration(entry.average)}, ` +
        `median ${formatDuration(entry.p50)}, ` +
        `95th percentile ${formatDuration(entry.p95)} ` +
        `over ${entry.count} resources`,
    )
    .join('; ')}`;

  return (
    <InfoCard title="Provisioning time per offering">
      {data.length === 0 ? (
        <Typography variant="body2">
          No resource was provisioned in this period.
        </Typography>
      ) : (
        <div role="img" aria-label={description}>
          <ResponsiveContainer
            width="100%"
            height={300}
            initialDimension={{ width: 600, height: 300 }}
          >
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis
                tickFormatter={(seconds: number) => formatDuration(seconds)}
              />
              <Tooltip
                formatter={(seconds: number) => formatDuration(seconds)}
              />
              <Legend />
              <Bar
                dataKey="average"
                name="Average"
                fill={theme.palette.primary.main}
              />
              <Bar
                dataKey="p50"
                name="Median"
                fill={theme.palette.success.main}
              />
              <Bar
                dataKey="p95"
                name="95th percentile"
                fill={theme.palette.warning.main}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </InfoCard>
  );
}
