import { StructuredMetadataTable } from '@backstage/core-components';
import { ConfigValue } from './ConfigValue';

const keysAsTheyAre = { titleFormat: (key: string) => key };

/** Settings, outputs or secrets by name, each value as `ConfigValue` writes it. */
export function ConfigValuesTable(props: { values: Record<string, unknown> }) {
  const metadata = Object.fromEntries(
    Object.entries(props.values).map(([key, value]) => [
      key,
      <ConfigValue key={key} value={value} />,
    ]),
  );
  return (
    <StructuredMetadataTable metadata={metadata} options={keysAsTheyAre} />
  );
}
