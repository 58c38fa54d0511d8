import { ReactNode } from 'react';
import { Theme, ThemeProvider } from '@material-ui/core/styles';
import { Form } from '@rjsf/material-ui';
import { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { formUiSchema } from './formSchema';

/**
 * An offering's form, rendered from its JSON Schema with RJSF's Material UI
 * theme like the scaffolder's forms. Validation is the caller's: it passes
 * every problem as `errors`, and each shows next to its field.
 */
export function OfferingForm<T>(props: {
  schema: RJSFSchema;
  formData: T;
  errors: ErrorSchema;
  disabled?: boolean;
  onChange: (formData: T) => void;
  onSubmit: () => void;
  /** The form's buttons. */
  children: ReactNode;
}) {
  const { schema, formData, errors, disabled, onChange, onSubmit, children } =
    props;
  return (
    <ThemeProvider theme={withReadableErrors}>
      <Form
        schema={schema}
        uiSchema={formUiSchema}
        formData={formData}
        validator={validator}
        // The platform's own validator decides, as it does on the server.
        noValidate
        noHtml5Validate
        showErrorList={false}
        extraErrors={errors}
        disabled={disabled}
        onChange={event => onChange(event.formData as T)}
        onSubmit={() => onSubmit()}
      >
        {children}
      </Form>
    </ThemeProvider>
  );
}

/** Field errors in a red dark enough for WCAG AA contrast on the form's background. */
function withReadableErrors(outer: Theme): Theme {
  return {
    ...outer,
    palette: {
      ...outer.palette,
      error: { ...outer.palette.error, main: '#c62828' },
    },
  };
}
