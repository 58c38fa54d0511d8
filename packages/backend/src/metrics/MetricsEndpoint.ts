import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  PrometheusExporter,
  PrometheusSerializer,
} from '@opentelemetry/exporter-prometheus';
import { mergeMetricFamilies } from './mergeMetricFamilies';

/**
 * Serves every OpenTelemetry metric of the process at `/metrics` in the
 * Prometheus text format, one family per metric name.
 */
export class MetricsEndpoint {
  readonly exporter = new PrometheusExporter({ preventServerStart: true });
  readonly #serializer = new PrometheusSerializer();
  #server?: http.Server;

  /** The exposition text, as a scrape receives it. */
  async scrape(): Promise<string> {
    const { resourceMetrics } = await this.exporter.collect();
    return mergeMetricFamilies(this.#serializer.serialize(resourceMetrics));
  }

  async listen(options: { host: string; port: number }): Promise<number> {
    this.#server = http.createServer((req, res) => {
      if (req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end('Not found');
        return;
      }
      this.scrape().then(
        text => {
          res
            .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' })
            .end(text);
        },
        error => {
          res.writeHead(500).end(`# failed to collect metrics: ${error}\n`);
        },
      );
    });
    const server = this.#server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise(resolve => this.#server?.close(resolve));
  }
}
