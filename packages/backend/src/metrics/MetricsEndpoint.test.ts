import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { MetricsEndpoint } from './MetricsEndpoint';

const PROMTOOL = '/usr/bin/promtool';

/** promtool's verdict on an exposition: '' when valid, its complaints otherwise. */
function promtool(text: string): string {
  try {
    return execFileSync(PROMTOOL, ['check', 'metrics'], {
      input: text,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return `${stdout}${stderr}` || String(error);
  }
}

describe('MetricsEndpoint', () => {
  const endpoint = new MetricsEndpoint();
  const provider = new MeterProvider({ readers: [endpoint.exporter] });

  beforeAll(() => {
    // As Backstage's scheduler does: one meter per plugin, the same names.
    for (const plugin of ['catalog', 'scaffolder', 'platform']) {
      const meter = provider.getMeter(`backstage-plugin-${plugin}`);
      meter
        .createCounter('backend_tasks.task.runs.count', {
          description: 'Total number of times a task has been run',
        })
        .add(1, { taskId: `${plugin}-task`, result: 'completed' });
      meter
        .createHistogram('backend_tasks.task.runs.duration', {
          description: 'Histogram of task run durations',
          unit: 's',
        })
        .record(0.2, { taskId: `${plugin}-task` });
    }
  });

  beforeAll(() => {
    // As the catalog does: a gauge named like a histogram's series.
    provider
      .getMeter('backstage-plugin-catalog')
      .createObservableGauge('catalog_entities_count', {
        description: 'Total amount of entities in the catalog',
      })
      .addCallback(result => result.observe(3, { kind: 'component' }));
  });

  afterAll(() => endpoint.close());

  it('serves one family per metric name, with every plugin sample', async () => {
    const port = await endpoint.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();

    const helps = text.match(/^# HELP backend_tasks_task_runs_count\S* /gm);
    expect(helps).toHaveLength(1);
    for (const plugin of ['catalog', 'scaffolder', 'platform']) {
      expect(text).toMatch(
        new RegExp(
          `^backend_tasks_task_runs_count\\S*\\{[^}]*task_id="${plugin}-task"[^}]*\\} 1$`,
          'm',
        ),
      );
    }
    expect(text).toMatch(/^catalog_entities\{[^}]*kind="component"[^}]*\} 3$/m);
    expect(text).not.toMatch(/^catalog_entities_count/m);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });

  it('passes promtool where the plain serialization does not', async () => {
    if (!fs.existsSync(PROMTOOL)) {
      if (process.env.CI) {
        throw new Error(
          `${PROMTOOL} is missing; CI installs Debian's prometheus package`,
        );
      }
      return;
    }
    const { resourceMetrics } = await endpoint.exporter.collect();
    const plain = new PrometheusSerializer().serialize(resourceMetrics);
    expect(promtool(plain)).toMatch(/second HELP line/);
    expect(promtool(await endpoint.scrape())).toBe('');
  });
});
