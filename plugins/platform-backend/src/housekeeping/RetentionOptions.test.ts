import { ConfigReader } from '@backstage/config';
import {
  defaultRetentionOptions,
  readRetentionOptions,
} from './RetentionOptions';

const read = (retention?: object) =>
  readRetentionOptions(new ConfigReader({ platform: { retention } }));

describe('readRetentionOptions', () => {
  it('has defaults for every kind', () => {
    expect(read()).toEqual({
      eventsDays: 400,
      healthChecksDays: 90,
      ticketsDays: 400,
      surveyAnswersDays: 400,
    });
    expect(read()).toEqual(defaultRetentionOptions);
  });

  it('takes configured days', () => {
    expect(
      read({ eventsDays: 30, healthChecksDays: 7, surveyAnswersDays: 365 }),
    ).toEqual({
      eventsDays: 30,
      healthChecksDays: 7,
      ticketsDays: 400,
      surveyAnswersDays: 365,
    });
  });

  it.each([
    [{ eventsDays: 0 }, 'platform.retention.eventsDays'],
    [{ ticketsDays: 1.5 }, 'platform.retention.ticketsDays'],
    [{ healthChecksDays: -3 }, 'platform.retention.healthChecksDays'],
  ])('refuses %p', (retention, key) => {
    expect(() => read(retention)).toThrow(
      `${key} must be a whole number of days, at least 1`,
    );
  });

  it('keeps survey answers for at least the longest summary window', () => {
    expect(() => read({ surveyAnswersDays: 364 })).toThrow(
      'platform.retention.surveyAnswersDays must be a whole number of days, at least 365',
    );
  });
});
