import {
  CreateResourceRequest,
  FieldError,
  OfferingWithSchema,
  resourceNameProblem,
  validateOfferingConfig,
} from '@idp-kit/plugin-platform-common';
import { CreateFormData } from '../OfferingForm';

/**
 * The request the create form describes, or every problem that stops it,
 * found by the same validator the API uses.
 */
export function checkCreateForm(
  offering: OfferingWithSchema,
  data: CreateFormData,
): { request?: CreateResourceRequest; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const nameProblem = resourceNameProblem(data.name ?? '');
  if (nameProblem) {
    problems.push({ field: 'name', message: nameProblem });
  }
  if (!data.team) {
    problems.push({ field: 'team', message: 'is required' });
  }
  if (!data.environment) {
    problems.push({ field: 'environment', message: 'is required' });
  }
  const config = validateOfferingConfig(offering, data.config ?? {});
  if (!config.valid) {
    problems.push(...config.errors);
  }
  if (problems.length > 0 || !config.valid) {
    return { problems };
  }
  return {
    problems,
    request: {
      offering: offering.id,
      name: data.name!,
      team: data.team!,
      environment: data.environment!,
      config: config.config,
      component: data.component?.trim() || undefined,
      system: data.system?.trim() || undefined,
      expiresAt: data.expiresAt || undefined,
    },
  };
}

/**
 * The problems worth showing: a field that is merely still empty is only
 * pointed out once the user has tried to submit.
 */
export function shownProblems(
  problems: FieldError[],
  submitAttempted: boolean,
): FieldError[] {
  return submitAttempted
    ? problems
    : problems.filter(problem => problem.message !== 'is required');
}
