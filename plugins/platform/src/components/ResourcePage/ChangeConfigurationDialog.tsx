import { useCallback, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  OfferingWithSchema,
  PlatformResource,
  validateOfferingConfig,
} from '@idp-kit/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { errorMessage } from '../../api/errorMessage';
import { platformApiRef } from '../../api/PlatformApi';
import { RequestProblems, requestProblems } from '../../api/requestProblems';
import {
  OfferingForm,
  PriceEstimate,
  problemMessages,
  toErrorSchema,
  updateFormSchema,
  useVerdict,
  VerdictPanel,
} from '../OfferingForm';

type ConfigFormData = { config?: Record<string, unknown> };

const noProblems: RequestProblems = { errors: [], violations: [] };

/**
 * Changes a resource's configuration with the same form as creation, and the
 * verdict of a dry run before anything is saved.
 */
export function ChangeConfigurationDialog(props: {
  resource: PlatformResource;
  offering: OfferingWithSchema;
  open: boolean;
  onClose: () => void;
  /** Called after the change was accepted. */
  onChanged: () => void;
}) {
  const { resource, offering, open, onClose, onChanged } = props;
  const platformApi = useApi(platformApiRef);
  const schema = useMemo(() => updateFormSchema(offering), [offering]);
  const [formData, setFormData] = useState<ConfigFormData>({
    config: resource.config,
  });
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<Error>();
  const [refusal, setRefusal] = useState<RequestProblems>(noProblems);

  const validation = useMemo(
    () => validateOfferingConfig(offering, formData.config ?? {}),
    [offering, formData],
  );
  const config = validation.valid ? validation.config : undefined;
  const check = useCallback(
    (next: Record<string, unknown>) =>
      platformApi.checkUpdateResource(resource.id, next),
    [platformApi, resource.id],
  );
  const { verdict, error, checking } = useVerdict(
    open ? config : undefined,
    check,
  );

  const errors = useMemo(
    () =>
      toErrorSchema([
        ...validation.errors,
        ...problemMessages(verdict),
        ...problemMessages(refusal),
      ]),
    [validation, verdict, refusal],
  );

  const onSubmit = async () => {
    if (!config) {
      return;
    }
    setSubmitting(true);
    try {
      await platformApi.updateResource(resource.id, config);
      onChanged();
      onClose();
    } catch (failure) {
      setSubmitError(failure as Error);
      setRefusal(requestProblems(failure));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="change-configuration-title"
    >
      <DialogTitle id="change-configuration-title">
        Change the configuration of {resource.name}
      </DialogTitle>
      <DialogContent>
        <OfferingForm
          schema={schema}
          formData={formData}
          errors={errors}
          disabled={submitting}
          onChange={data => {
            setFormData(data);
            setRefusal(noProblems);
            setSubmitError(undefined);
          }}
          onSubmit={onSubmit}
        >
          <Box my={2}>
            <VerdictPanel
              verdict={verdict}
              error={error}
              checking={checking}
              complete={config !== undefined}
              offeringName={offering.name}
            />
          </Box>
          <Box mb={2}>
            <PriceEstimate
              cost={verdict?.cost}
              priced={offering.currency !== undefined}
              change
            />
          </Box>
          {submitError && (
            <Box mb={2}>
              <Alert severity="error">{errorMessage(submitError)}</Alert>
            </Box>
          )}
          <Box mb={2} display="flex" justifyContent="flex-end">
            <Button onClick={onClose}>Cancel</Button>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={
                submitting ||
                !config ||
                (verdict !== undefined && !verdict.allowed)
              }
            >
              Save configuration
            </Button>
          </Box>
        </OfferingForm>
      </DialogContent>
    </Dialog>
  );
}
