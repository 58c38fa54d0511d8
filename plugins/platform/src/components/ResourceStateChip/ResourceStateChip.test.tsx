import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ResourceStateChip } from './ResourceStateChip';

describe('ResourceStateChip', () => {
  it.each([
    'awaiting-approval',
    'pending',
    'ready',
    'failed',
    'deleted',
    'rejected',
  ] as const)('names the %s state', async state => {
    renderInTestApp(<ResourceStateChip state={state} />);
    expect(screen.getByText(state)).toBeInTheDocument();
  });
});
