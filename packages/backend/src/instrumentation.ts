import { metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { MetricsEndpoint } from './metrics/MetricsEndpoint';

/**
 * Exposes every OpenTelemetry metric of the backend, the platform's `idp_*`
 * metrics among them, for Prometheus to scrape at
 * http://<PLATFORM_METRICS_HOST>:<PLATFORM_METRICS_PORT>/metrics
 * (default 127.0.0.1:9464). Set PLATFORM_METRICS_PORT=0 to turn it off.
 */
const port = Number(process.env.PLATFORM_METRICS_PORT ?? 9464);
if (port > 0) {
  const endpoint = new MetricsEndpoint();
  metrics.setGlobalMeterProvider(
    new MeterProvider({ readers: [endpoint.exporter] }),
  );
  endpoint
    .listen({ host: process.env.PLATFORM_METRICS_HOST ?? '127.0.0.1', port })
    .catch(error => {
      // eslint-disable-next-line no-console
      console.error(
        `The metrics endpoint could not listen on ${port}: ${error}`,
      );
    });
}
