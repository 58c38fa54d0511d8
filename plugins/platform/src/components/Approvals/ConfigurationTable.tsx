import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ConfigValue } from '../ConfigValue';

/**
 * Every setting of a requested configuration. For a change, the current
 * value stands beside the requested one, so an approver sees what changes.
 */
export function ConfigurationTable(props: {
  config: Record<string, unknown>;
  /** The configuration now, when the request changes it. */
  current?: Record<string, unknown>;
}) {
  const { config, current } = props;
  const keys = Object.keys(current ? { ...current, ...config } : config).sort();
  return (
    <Table size="small" aria-label="Requested configuration">
      <TableHead>
        <TableRow>
          <TableCell>Setting</TableCell>
          <TableCell>Requested</TableCell>
          {current && <TableCell>Now</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map(key => (
          <TableRow key={key}>
            <TableCell component="th" scope="row">
              {key}
            </TableCell>
            <TableCell>
              <ConfigValue value={config[key]} />
            </TableCell>
            {current && (
              <TableCell>
                <ConfigValue value={current[key]} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
