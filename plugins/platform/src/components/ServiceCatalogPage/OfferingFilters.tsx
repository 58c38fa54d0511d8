import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { FilterSelect } from '../FilterSelect';
import { OfferingFilter } from './filterOfferings';

/** The service catalog's filters: type, tier and a text search. */
export function OfferingFilters(props: {
  filter: OfferingFilter;
  types: string[];
  tiers: string[];
  onChange: (filter: OfferingFilter) => void;
}) {
  const { filter, types, tiers, onChange } = props;
  const plain = (values: string[]) =>
    values.map(value => ({ value, label: value }));
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <TextField
          id="offering-search"
          label="Search"
          type="search"
          fullWidth
          variant="outlined"
          size="small"
          value={filter.search}
          onChange={event =>
            onChange({ ...filter, search: event.target.value })
          }
        />
      </Grid>
      <Grid item xs={6} md={3}>
        <FilterSelect
          id="offering-type"
          label="Type"
          allLabel="All types"
          value={filter.type}
          options={plain(types)}
          onChange={type => onChange({ ...filter, type })}
        />
      </Grid>
      <Grid item xs={6} md={3}>
        <FilterSelect
          id="offering-tier"
          label="Tier"
          allLabel="All tiers"
          value={filter.tier}
          options={plain(tiers)}
          onChange={tier => onChange({ ...filter, tier })}
        />
      </Grid>
    </Grid>
  );
}
