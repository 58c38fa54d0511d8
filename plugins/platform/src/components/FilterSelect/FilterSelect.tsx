import { ChangeEvent } from 'react';
import TextField from '@material-ui/core/TextField';

/** A labelled native select whose empty choice means "all". */
export function FilterSelect(props: {
  id: string;
  label: string;
  allLabel: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      select
      fullWidth
      variant="outlined"
      size="small"
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      value={props.value}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        props.onChange(String(event.target.value))
      }
    >
      <option value="">{props.allLabel}</option>
      {props.options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
