import { useMemo } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { PlatformLayout } from '../PlatformLayout';
import { ApprovalWaitFigure } from './ApprovalWaitFigure';
import { BreakdownChart } from './BreakdownChart';
import { HealthFigure } from './HealthFigure';
import { ProvisionTimeChart } from './ProvisionTimeChart';
import { SpendOverview } from './SpendOverview';
import { SurveyCard } from './SurveyCard';
import { formatDuration } from './formatDuration';

function percent(value: number | null): string | undefined {
  return value === null ? undefined : `${Math.round(value * 10) / 10} %`;
}

/**
 * How the platform does: what runs on it and what that costs, how fast it
 * provisions, how much is self-service, how available it is and how
 * developers rate it.
 */
export function HealthPage() {
  const platformApi = useApi(platformApiRef);
  const summary = useAsync(() => platformApi.getHealthSummary(), [platformApi]);
  // Names only make the chart easier to read; ids do when they fail to load.
  const offerings = useAsync(() => platformApi.listOfferings(), [platformApi]);
  const offeringNames = useMemo(
    () =>
      new Map(
        (offerings.value ?? []).map(offering => [offering.id, offering.name]),
      ),
    [offerings.value],
  );

  let content: JSX.Element;
  if (summary.error) {
    content = <ResponseErrorPanel error={summary.error} />;
  } else if (summary.loading || !summary.value) {
    content = <Progress />;
  } else {
    const figures = summary.value;
    const overall = figures.averageProvisionTime.overall;
    const satisfaction = figures.developerSatisfaction;
    const period = `over the last ${figures.windowDays} days`;
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6} lg={3}>
          <HealthFigure
            title="Self-service rate"
            value={percent(figures.selfServiceRate)}
            caption={`Requests made in the portal or from templates, ${period}`}
          />
        </Grid>
        <Grid item xs={12} sm={6} lg={3}>
          <HealthFigure
            title="Availability"
            value={percent(figures.availability)}
            caption={`Health checks of ready resources that passed, over the last ${
              figures.availabilityWindowDays ?? figures.windowDays
            } days`}
          />
        </Grid>
        <Grid item xs={12} sm={6} lg={3}>
          <HealthFigure
            title="Developer satisfaction (NPS)"
            value={
              satisfaction.nps === null ? undefined : String(satisfaction.nps)
            }
            caption={`${satisfaction.responses} answers: ${satisfaction.promoters} promoters, ${satisfaction.passives} passives, ${satisfaction.detractors} detractors`}
          />
        </Grid>
        <Grid item xs={12} sm={6} lg={3}>
          <HealthFigure
            title="Average provisioning time"
            value={overall ? formatDuration(overall.averageSeconds) : undefined}
            caption={
              overall
                ? `95th percentile ${formatDuration(overall.p95Seconds)}, ${
                    overall.count
                  } resources ${period}`
                : `No resource was provisioned ${period}`
            }
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <BreakdownChart
            title={`Active resources by state (${figures.activeResources.total})`}
            counts={figures.activeResources.byState}
            kind="pie"
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <BreakdownChart
            title="Active resources by team"
            counts={figures.activeResources.byTeam}
            kind="bar"
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <BreakdownChart
            title="Active resources by environment"
            counts={figures.activeResources.byEnvironment}
            kind="bar"
          />
        </Grid>
        {figures.spend && (
          <SpendOverview spend={figures.spend} offeringNames={offeringNames} />
        )}
        {figures.approvals && (
          <Grid item xs={12} sm={6} lg={3}>
            <ApprovalWaitFigure approvals={figures.approvals} period={period} />
          </Grid>
        )}
        <Grid item xs={12} md={8}>
          <ProvisionTimeChart
            byOffering={figures.averageProvisionTime.byOffering}
            offeringNames={offeringNames}
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <SurveyCard />
        </Grid>
      </Grid>
    );
  }

  return <PlatformLayout title="Platform health">{content}</PlatformLayout>;
}
