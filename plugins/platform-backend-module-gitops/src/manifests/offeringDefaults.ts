import { apiGatewayOffering } from '../offerings/apiGatewayOffering';
import { webApplicationOffering } from '../offerings/webApplicationOffering';

const offerings = [webApplicationOffering, apiGatewayOffering];

/**
 * The configuration of a resource with the offering's defaults filled in,
 * for resources stored before a field existed.
 */
export function withDefaults(
  offeringId: string,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const offering = offerings.find(o => o.id === offeringId);
  const defaults: Record<string, unknown> = {};
  for (const field of offering?.configurations ?? []) {
    if (field.default !== undefined) {
      defaults[field.name] = field.default;
    }
  }
  return { ...defaults, ...config };
}
