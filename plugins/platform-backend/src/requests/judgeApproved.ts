import {
  FieldError,
  validateOfferingConfig,
} from '@idp-kit/plugin-platform-common';
import {
  ApprovedRequest,
  ApprovedVerdict,
  JudgeApproved,
} from '../approvals/JudgeApproved';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { PolicyEngine } from '../policies/PolicyEngine';
import { ResourceStore } from '../store/ResourceStore';
import { resolveReferences } from './resolveReferences';

/**
 * Judges a request that waited for approval again, once approved: its
 * configuration against the offering as offered now, the resources it
 * refers to as they are now (one being deleted will not do), and the same policies every request goes
 * through. The team, component and system are the resource's, checked when
 * it was requested. Approvals the policies ask for are not asked again.
 */
export function judgeApproved(options: {
  offerings: OfferingRegistry;
  store: ResourceStore;
  policies: PolicyEngine;
}): JudgeApproved {
  return async (approved: ApprovedRequest): Promise<ApprovedVerdict> => {
    const { resource } = approved;
    const refused = (errors: FieldError[]): ApprovedVerdict => ({
      errors,
      violations: [],
      dependsOn: [],
    });
    const offering = options.offerings.find(resource.offering);
    if (!offering) {
      return refused([
        {
          field: 'offering',
          message: `'${resource.offering}' is no longer offered`,
        },
      ]);
    }
    const validation = validateOfferingConfig(offering, approved.config);
    if (!validation.valid) {
      return refused(validation.errors);
    }
    const { config } = validation;
    const errors: FieldError[] = [];
    const dependsOn = await resolveReferences(options.store, {
      offering,
      config,
      team: resource.team,
      environment: resource.environment,
      errors,
    });
    // Found, but on its way out: what is approved would outlive it.
    for (const id of dependsOn) {
      const target = await options.store.get(id);
      if (target.state === 'deleting') {
        errors.push({
          field: 'config',
          message: `refers to ${target.offering} '${target.name}', which is being deleted`,
        });
      }
    }
    if (errors.length > 0) {
      return refused(errors);
    }
    const { violations } = await options.policies.evaluate({
      action: approved.action,
      offering,
      request: {
        offering: offering.id,
        name: resource.name,
        team: resource.team,
        environment: resource.environment,
        component: resource.component,
        system: resource.system,
        config,
      },
      requester: approved.requestedBy,
      resource,
    });
    return { errors, violations, dependsOn };
  };
}
