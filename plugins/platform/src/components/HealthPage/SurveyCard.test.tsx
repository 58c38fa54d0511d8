import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { SurveyCard } from './SurveyCard';

function render(platformApi: PlatformApi) {
  return renderInTestApp(<SurveyCard />, {
    apis: [[platformApiRef, platformApi]],
  });
}

describe('SurveyCard', () => {
  it('sends a score and a comment, then thanks the user', async () => {
    const platformApi = mockPlatformApi({
      getSurveyStatus: async () => ({ canAnswer: true }),
      answerSurvey: async answer => ({
        ...answer,
        createdAt: '2026-01-03T00:00:00.000Z',
      }),
    });
    render(platformApi);

    const question = await screen.findByRole('radiogroup');
    expect(
      screen.getByText('How likely are you to recommend the platform?'),
    ).toBeInTheDocument();
    expect(question).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send answer' })).toBeDisabled();

    await userEvent.click(screen.getByRole('radio', { name: '9' }));
    await userEvent.type(
      screen.getByLabelText('Comment (optional)'),
      'Fast databases',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Send answer' }));

    expect(
      await screen.findByText('Thank you for your feedback.'),
    ).toBeInTheDocument();
    expect(platformApi.answerSurvey).toHaveBeenCalledWith({
      score: 9,
      comment: 'Fast databases',
    });
  });

  it('thanks users who answered recently instead of asking again', async () => {
    const platformApi = mockPlatformApi({
      getSurveyStatus: async () => ({
        canAnswer: false,
        lastAnswer: { score: 7, createdAt: '2026-01-01T00:00:00.000Z' },
      }),
    });
    render(platformApi);
    expect(
      await screen.findByText(/Thank you for your feedback. You answered 7/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('shows why the answer was not recorded', async () => {
    const platformApi = mockPlatformApi({
      getSurveyStatus: async () => ({ canAnswer: true }),
      answerSurvey: async () => {
        throw new Error('Survey closed');
      },
    });
    render(platformApi);
    await userEvent.click(await screen.findByRole('radio', { name: '3' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(await screen.findByText('Survey closed')).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      getSurveyStatus: () => new Promise(() => {}),
    });
    render(platformApi);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the survey cannot be read', async () => {
    const platformApi = mockPlatformApi({
      getSurveyStatus: async () => {
        throw new Error('Survey unavailable');
      },
    });
    render(platformApi);
    expect(
      (await screen.findAllByText(/Survey unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
