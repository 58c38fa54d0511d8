// Before anything records a metric.
import './instrumentation';
import { createBackend } from '@backstage/backend-defaults';
import {
  backstageFeatures,
  platformCatalogFeature,
  platformFeatures,
  provisionerFeatures,
} from './features';

const backend = createBackend();

for (const feature of [
  ...backstageFeatures(),
  ...platformFeatures(),
  platformCatalogFeature(),
  ...provisionerFeatures(),
]) {
  backend.add(feature);
}

backend.start();
