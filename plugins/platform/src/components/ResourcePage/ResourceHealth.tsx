import { StatusError, StatusOK } from '@backstage/core-components';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ConfigValue } from '../ConfigValue';

/** What the last check of a ready resource found: health and drift. */
export function ResourceHealth(props: {
  health: PlatformResource['health'];
  drift: PlatformResource['drift'];
}) {
  const { health, drift } = props;
  return (
    <>
      {health && (
        <Typography variant="body2" paragraph>
          {health.healthy ? (
            <StatusOK>Healthy</StatusOK>
          ) : (
            <StatusError>Unhealthy</StatusError>
          )}
          {health.message ? ` — ${health.message}` : ''}
          <br />
          <Typography variant="caption" component="span">
            Checked {new Date(health.checkedAt).toLocaleString()}
          </Typography>
        </Typography>
      )}
      {drift && drift.length > 0 ? (
        <Table size="small" aria-label="Drift">
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>Desired</TableCell>
              <TableCell>Actual</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {drift.map(entry => (
              <TableRow key={entry.field}>
                <TableCell>{entry.field}</TableCell>
                <TableCell>
                  <ConfigValue value={entry.desired} />
                </TableCell>
                <TableCell>
                  <ConfigValue value={entry.actual} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">
          No drift from the configuration.
        </Typography>
      )}
    </>
  );
}
