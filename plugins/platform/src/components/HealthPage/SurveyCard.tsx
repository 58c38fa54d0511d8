import { FormEvent, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';

const scores = Array.from({ length: 11 }, (_, score) => score);

/** The developer satisfaction survey: one 0–10 question and a comment. */
export function SurveyCard() {
  const platformApi = useApi(platformApiRef);
  const status = useAsyncRetry(
    () => platformApi.getSurveyStatus(),
    [platformApi],
  );
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error>();
  const [answered, setAnswered] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === undefined) {
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      await platformApi.answerSurvey({
        score,
        comment: comment.trim() || undefined,
      });
      setAnswered(true);
    } catch (failure) {
      // Answered meanwhile, maybe in another tab: that answer counts.
      if (failure instanceof ResponseError && failure.statusCode === 409) {
        setAnswered(true);
      } else {
        setError(failure as Error);
      }
    } finally {
      setSending(false);
    }
  };

  let content: JSX.Element;
  if (status.loading && !status.value) {
    content = <Progress />;
  } else if (status.error) {
    content = <ResponseErrorPanel error={status.error} />;
  } else if (answered || !status.value?.canAnswer) {
    const last = status.value?.lastAnswer;
    content = (
      <Typography variant="body1" role="status">
        Thank you for your feedback.
        {!answered && last
          ? ` You answered ${last.score} on ${new Date(
              last.createdAt,
            ).toLocaleDateString()}; the survey opens again 30 days after.`
          : ''}
      </Typography>
    );
  } else {
    content = (
      <form onSubmit={submit}>
        <FormControl component="fieldset">
          <FormLabel component="legend">
            How likely are you to recommend the platform?
          </FormLabel>
          <RadioGroup
            row
            name="score"
            value={score === undefined ? '' : String(score)}
            onChange={event => setScore(Number(event.target.value))}
          >
            {scores.map(value => (
              <FormControlLabel
                key={value}
                value={String(value)}
                control={<Radio color="primary" />}
                label={String(value)}
                labelPlacement="bottom"
              />
            ))}
          </RadioGroup>
          <Box display="flex" justifyContent="space-between">
            <Typography variant="caption">0: not at all likely</Typography>
            <Typography variant="caption">10: extremely likely</Typography>
          </Box>
        </FormControl>
        <TextField
          id="survey-comment"
          label="Comment (optional)"
          multiline
          minRows={2}
          fullWidth
          margin="normal"
          value={comment}
          onChange={event => setComment(event.target.value)}
        />
        {error && (
          <Box mb={1}>
            <Alert severity="error">{errorMessage(error)}</Alert>
          </Box>
        )}
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={score === undefined || sending}
        >
          Send answer
        </Button>
      </form>
    );
  }

  return <InfoCard title="How do you like the platform?">{content}</InfoCard>;
}
