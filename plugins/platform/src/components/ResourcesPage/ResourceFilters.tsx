import {
  OfferingWithSchema,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import Grid from '@material-ui/core/Grid';
import { FilterSelect } from '../FilterSelect';

/** What the resource list is narrowed to; empty values match everything. */
export interface ResourceFilter {
  team: string;
  environment: string;
  offering: string;
  state: '' | ResourceState;
}

const states: ResourceState[] = [
  'awaiting-approval',
  'pending',
  'provisioning',
  'ready',
  'failed',
  'updating',
  'deleting',
  'deleted',
  'rejected',
];

/** The resource list's filters: team, environment, offering and state. */
export function ResourceFilters(props: {
  filter: ResourceFilter;
  teams: string[];
  environments: string[];
  offerings: OfferingWithSchema[];
  onChange: (filter: ResourceFilter) => void;
}) {
  const { filter, teams, environments, offerings, onChange } = props;
  const plain = (values: string[]) =>
    values.map(value => ({ value, label: value }));
  return (
    <Grid container spacing={2}>
      <Grid item xs={6} md={3}>
        <FilterSelect
          id="resource-team"
          label="Team"
          allLabel="All teams"
          value={filter.team}
          options={plain(teams)}
          onChange={team => onChange({ ...filter, team })}
        />
      </Grid>
      <Grid item xs={6} md={3}>
        <FilterSelect
          id="resource-environment"
          label="Environment"
          allLabel="All environments"
          value={filter.environment}
          options={plain(environments)}
          onChange={environment => onChange({ ...filter, environment })}
        />
      </Grid>
      <Grid item xs={6} md={3}>
        <FilterSelect
          id="resource-offering"
          label="Offering"
          allLabel="All offerings"
          value={filter.offering}
          options={offerings.map(offering => ({
            value: offering.id,
            label: offering.name,
          }))}
          onChange={offering => onChange({ ...filter, offering })}
        />
      </Grid>
      <Grid item xs={6} md={3}>
        <FilterSelect
          id="resource-state"
          label="State"
          allLabel="Every live state"
          value={filter.state}
          options={plain(states)}
          onChange={state =>
            onChange({ ...filter, state: state as ResourceFilter['state'] })
          }
        />
      </Grid>
    </Grid>
  );
}
