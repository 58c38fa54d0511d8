export { ApprovalRequirementList } from './ApprovalRequirementList';
export { ConfigurationTable } from './ConfigurationTable';
export { DecisionButtons } from './DecisionButtons';
export { entityName } from './entityName';
