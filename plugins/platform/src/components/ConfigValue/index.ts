export { ConfigValue } from './ConfigValue';
export { ConfigValuesTable } from './ConfigValuesTable';
export { configText, emptyText } from './configText';
