export { OfferingForm } from './OfferingForm';
export { VerdictPanel } from './VerdictPanel';
export { PriceEstimate } from './PriceEstimate';
export { LifetimeSummary } from './LifetimeSummary';
export { useVerdict } from './useVerdict';
export { problemMessages, toErrorSchema } from './formErrors';
export type { FieldMessage } from './formErrors';
export { createFormSchema, updateFormSchema } from './formSchema';
export type { CreateFormData } from './formSchema';
