import { useState } from 'react';
import {
  OfferingWithSchema,
  PlatformResource,
} from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ExtendDialog } from './ExtendDialog';
import { lifetimeIn } from './lifetimeIn';
import { pendingExpiry } from './pendingExpiry';
import { TimeLeft } from './TimeLeft';

/**
 * The time a resource has left and, once its offering is known, an Extend
 * action; nothing for a resource that never expires.
 */
export function ResourceExpiry(props: {
  resource: PlatformResource;
  offering?: OfferingWithSchema;
  /** Called after the expiry moved, to read the resource again. */
  onExtended: () => void;
}) {
  const { resource, offering, onExtended } = props;
  const [open, setOpen] = useState(false);
  if (!pendingExpiry(resource)) {
    return null;
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      <TimeLeft resource={resource} />
      {offering && (
        <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
          Extend
        </Button>
      )}
      {open && (
        <ExtendDialog
          resource={resource}
          lifetime={offering && lifetimeIn(offering, resource.environment)}
          onClose={() => setOpen(false)}
          onExtended={onExtended}
        />
      )}
    </Box>
  );
}
