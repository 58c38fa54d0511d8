import { useCallback, useMemo, useState } from 'react';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  CreateResourceRequest,
  OfferingWithSchema,
} from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Alert from '@material-ui/lab/Alert';
import { getDefaultFormState } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';
import { RequestProblems, requestProblems } from '../../api/requestProblems';
import { resourceRouteRef } from '../../routes';
import { lifetimeIn } from '../Lifetime';
import {
  CreateFormData,
  createFormSchema,
  LifetimeSummary,
  OfferingForm,
  PriceEstimate,
  problemMessages,
  toErrorSchema,
  useVerdict,
  VerdictPanel,
} from '../OfferingForm';
import { checkCreateForm, shownProblems } from './checkCreateForm';

const noProblems: RequestProblems = { errors: [], violations: [] };

/**
 * The form that requests a resource of an offering, checked against the
 * platform's policies as the user types, with its price and lifetime.
 */
export function CreateResourceForm(props: {
  offering: OfferingWithSchema;
  teams: string[];
  environments: string[];
}) {
  const { offering, teams, environments } = props;
  const platformApi = useApi(platformApiRef);
  const resourceLink = useRouteRef(resourceRouteRef);
  const navigate = useNavigate();

  const schema = useMemo(
    () => createFormSchema(offering, teams, environments),
    [offering, teams, environments],
  );
  const [formData, setFormData] = useState<CreateFormData>(
    () => getDefaultFormState(validator, schema, {}) as CreateFormData,
  );
  const [submitAttempted, setSubmitAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<Error>();
  const [refusal, setRefusal] = useState<RequestProblems>(noProblems);

  const checked = useMemo(
    () => checkCreateForm(offering, formData),
    [offering, formData],
  );
  const check = useCallback(
    (request: CreateResourceRequest) =>
      platformApi.checkCreateResource(request),
    [platformApi],
  );
  const { verdict, error, checking } = useVerdict(checked.request, check);

  const errors = useMemo(
    () =>
      toErrorSchema([
        ...shownProblems(checked.problems, submitAttempted),
        ...problemMessages(verdict),
        ...problemMessages(refusal),
      ]),
    [checked.problems, submitAttempted, verdict, refusal],
  );

  const onChange = (data: CreateFormData) => {
    setFormData(data);
    setRefusal(noProblems);
    setSubmitError(undefined);
  };

  const onSubmit = async () => {
    setSubmitAttempted(true);
    if (!checked.request) {
      return;
    }
    setSubmitting(true);
    try {
      const created = await platformApi.createResource(checked.request);
      navigate(resourceLink({ id: created.id }));
    } catch (failure) {
      setSubmitError(failure as Error);
      setRefusal(requestProblems(failure));
      setSubmitting(false);
    }
  };

  const refused = verdict !== undefined && !verdict.allowed;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <Paper>
          <Box p={2}>
            <OfferingForm
              schema={schema}
              formData={formData}
              errors={errors}
              disabled={submitting}
              onChange={onChange}
              onSubmit={onSubmit}
            >
              {submitError && (
                <Box mt={2}>
                  <Alert severity="error">{errorMessage(submitError)}</Alert>
                </Box>
              )}
              <Box mt={2}>
                <Button
                  type="submit"
                  variant="contained"
                  color="primary"
                  disabled={submitting || refused}
                >
                  {submitting ? 'Creating…' : `Create ${offering.name}`}
                </Button>
              </Box>
            </OfferingForm>
          </Box>
        </Paper>
      </Grid>
      <Grid item xs={12} md={4}>
        <Paper>
          <Box p={2}>
            <VerdictPanel
              verdict={verdict}
              error={error}
              checking={checking}
              complete={checked.request !== undefined}
              offeringName={offering.name}
            />
            <Box mt={3}>
              <PriceEstimate
                cost={verdict?.cost}
                priced={offering.currency !== undefined}
              />
            </Box>
            <Box mt={3}>
              <LifetimeSummary
                lifetime={lifetimeIn(offering, formData.environment)}
                verdict={verdict?.lifetime}
              />
            </Box>
          </Box>
        </Paper>
      </Grid>
    </Grid>
  );
}
