import { useMemo } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformApiRef } from '../../api/PlatformApi';
import { PlatformLayout } from '../PlatformLayout';
import { ApprovalRequestCard } from './ApprovalRequestCard';

/**
 * Requests shown at once. Approvers work from the oldest, so one page with
 * a note that more wait serves better than paging.
 */
export const PAGE_SIZE = 50;

/** The requests for approval the user may decide, oldest first. */
export function ApprovalsPage() {
  const platformApi = useApi(platformApiRef);
  const offerings = useAsync(() => platformApi.listOfferings(), [platformApi]);
  const approvals = useAsyncRetry(
    () => platformApi.listApprovals({ state: 'pending', limit: PAGE_SIZE }),
    [platformApi],
  );
  const offeringNames = useMemo(
    () =>
      new Map(
        (offerings.value ?? []).map(offering => [offering.id, offering.name]),
      ),
    [offerings.value],
  );

  let content: JSX.Element;
  if (approvals.error) {
    content = <ResponseErrorPanel error={approvals.error} />;
  } else if (!approvals.value) {
    content = <Progress />;
  } else if (approvals.value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="Nothing waits for your approval"
        description="Requests that need a decision of one of your groups appear here, oldest first."
      />
    );
  } else {
    content = (
      <>
        {approvals.value.items.map(request => (
          <Box key={request.id} mb={3}>
            <ApprovalRequestCard
              request={request}
              offeringName={
                offeringNames.get(request.resource.offering) ??
                request.resource.offering
              }
              onDecided={approvals.retry}
            />
          </Box>
        ))}
        {approvals.value.nextCursor && (
          <Typography variant="body2" role="status">
            More requests wait: these are the oldest {PAGE_SIZE}.
          </Typography>
        )}
      </>
    );
  }

  return <PlatformLayout title="Approvals">{content}</PlatformLayout>;
}
