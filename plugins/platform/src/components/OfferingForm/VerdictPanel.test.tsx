import { renderInTestApp } from '@backstage/frontend-test-utils';
import { RequestVerdict } from '@idp-kit/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { VerdictPanel } from './VerdictPanel';

const approvals: RequestVerdict['approvals'] = [
  {
    policy: 'cost-approval',
    reason: 'Large databases cost more than 500 € a month',
    approvers: 'group:default/platform-team',
  },
  {
    policy: 'production-access',
    reason: 'Production data is personal data',
    approvers: 'group:security/data-protection',
  },
];

function render(verdict: RequestVerdict) {
  return renderInTestApp(
    <VerdictPanel
      verdict={verdict}
      checking={false}
      complete
      offeringName="PostgreSQL Database"
    />,
  );
}

describe('VerdictPanel', () => {
  it('says who must approve an allowed request, and why', async () => {
    render({ allowed: true, errors: [], violations: [], approvals });

    const panel = screen.getByRole('region', { name: 'Policy check' });
    expect(
      within(panel).getByText('Allowed once approved'),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(
        'Needs approval by platform-team — Large databases cost more than 500 € a month',
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(
        'Needs approval by security/data-protection — Production data is personal data',
      ),
    ).toBeInTheDocument();
    expect(within(panel).getByText('(cost-approval)')).toBeInTheDocument();
    expect(
      within(panel).queryByText('Every policy allows this request.'),
    ).not.toBeInTheDocument();
  });

  it('says every policy allows a request that needs no approval', async () => {
    render({ allowed: true, errors: [], violations: [], approvals: [] });
    expect(
      screen.getByText('Every policy allows this request.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Needs approval/)).not.toBeInTheDocument();
  });

  it('shows the refusal first, and the approvals it would need besides', async () => {
    render({
      allowed: false,
      errors: [],
      violations: [{ policy: 'quota', reason: 'Quota reached' }],
      approvals: approvals.slice(0, 1),
    });
    expect(
      screen.getByText('This request would be refused'),
    ).toBeInTheDocument();
    expect(screen.getByText('Would also need approval')).toBeInTheDocument();
    expect(
      screen.getByText(/^Needs approval by platform-team/),
    ).toBeInTheDocument();
  });
});
