import { HealthSummary } from '@idp-kit/plugin-platform-common';
import { HealthFigure } from './HealthFigure';
import { formatDuration } from './formatDuration';

/**
 * How long requests waited for approval (the median), with the 95th
 * percentile and the share of new resources that needed approval.
 */
export function ApprovalWaitFigure(props: {
  approvals: NonNullable<HealthSummary['approvals']>;
  period: string;
}) {
  const { approvals, period } = props;
  const share =
    approvals.share === null
      ? ''
      : `; ${approvals.share}% of new resources needed approval`;
  return (
    <HealthFigure
      title="Approval wait (median)"
      value={
        approvals.waitP50Seconds === null
          ? undefined
          : formatDuration(approvals.waitP50Seconds)
      }
      caption={
        approvals.waitP95Seconds === null
          ? `No request was decided ${period}${share}`
          : `95th percentile ${formatDuration(approvals.waitP95Seconds)}, ${
              approvals.decided
            } decided ${period}${share}`
      }
    />
  );
}
