import Chip from '@material-ui/core/Chip';
import { configText } from './configText';

/**
 * A configuration, output or secret value in a table cell: its text, or a
 * chip per item for a list, as Backstage's own tables show tags.
 */
export function ConfigValue(props: { value: unknown }) {
  const { value } = props;
  if (Array.isArray(value) && value.length > 0) {
    return (
      <>
        {value.map((item, index) => (
          // Items may repeat, so only their place tells them apart.
          // eslint-disable-next-line react/no-array-index-key
          <Chip key={index} size="small" label={configText(item)} />
        ))}
      </>
    );
  }
  return <>{configText(value)}</>;
}
