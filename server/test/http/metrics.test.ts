import { describe, expect, it } from 'vitest';
import { Counter, createMetrics, Gauge, LatencyHistogram, MetricsRegistry } from '../../src/metrics.js';

/** The sample lines of one metric family in a Prometheus text exposition. */
const samples = (text: string, name: string) =>
  text.split('\n').filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`));

describe('metrics in the Prometheus text format', () => {
  it('renders counters and gauges with HELP and TYPE, labelled and not', async () => {
    const registry = new MetricsRegistry({ prefix: 't_' });
    const plain = new Counter(registry, { name: 't_plain_total', help: 'Plain' });
    const byReason = new Counter(registry, {
      name: 't_dropped_total',
      help: 'Dropped',
      labelNames: ['reason'],
    });
    const gauge = new Gauge(registry, { name: 't_open', help: 'Open things' });
    plain.inc();
    plain.inc(undefined, 2);
    byReason.inc({ reason: 'observer' });
    byReason.inc({ reason: 'observer' });
    byReason.inc({ reason: 'locked' }, 5);
    gauge.inc();
    gauge.inc();
    gauge.dec();

    const text = await registry.metrics();
    expect(text).toContain('# HELP t_plain_total Plain\n# TYPE t_plain_total counter\nt_plain_total 3\n');
    expect(samples(text, 't_dropped_total')).toEqual([
      't_dropped_total{reason="observer"} 2',
      't_dropped_total{reason="locked"} 5',
    ]);
    expect(text).toContain('# TYPE t_open gauge\nt_open 1\n');
    expect(text.endsWith('\n')).toBe(true);
    // The values tests read (prom-client's `get()` shape).
    expect((await byReason.get()).values).toEqual([
      { labels: { reason: 'observer' }, value: 2 },
      { labels: { reason: 'locked' }, value: 5 },
    ]);
  });

  it('reports a counter without labels from the start, a labelled one only once it has values', async () => {
    const registry = new MetricsRegistry({ prefix: 't_' });
    new Counter(registry, { name: 't_loads_total', help: 'Loads' });
    new Counter(registry, { name: 't_closes_total', help: 'Closes', labelNames: ['code'] });
    const text = await registry.metrics();
    expect(samples(text, 't_loads_total')).toEqual(['t_loads_total 0']);
    expect(samples(text, 't_closes_total')).toEqual([]);
    expect(text).toContain('# TYPE t_closes_total counter');
  });

  it('escapes label values and help text, and refuses a counter going down or a name twice', async () => {
    const registry = new MetricsRegistry({ prefix: 't_' });
    const c = new Counter(registry, {
      name: 't_routes_total',
      help: 'Routes\nby "name" \\ path',
      labelNames: ['route'],
    });
    c.inc({ route: '/a"b\\c\nd' });
    const text = await registry.metrics();
    expect(text).toContain('# HELP t_routes_total Routes\\nby "name" \\\\ path\n');
    expect(samples(text, 't_routes_total')).toEqual(['t_routes_total{route="/a\\"b\\\\c\\nd"} 1']);
    expect(() => c.inc({ route: '/' }, -1)).toThrow(/only go up/);
    expect(() => new Counter(registry, { name: 't_routes_total', help: 'again' })).toThrow(/twice/);
  });

  it('renders the latency histogram with cumulative buckets per operation', async () => {
    const registry = new MetricsRegistry({ prefix: 't_' });
    const h = new LatencyHistogram('t_store_seconds', 'Store', [0.001, 0.01], registry);
    h.observe('append', 0.0005);
    h.observe('append', 0.005);
    h.observe('append', 0.5);
    const text = await registry.metrics();
    expect(samples(text, 't_store_seconds_bucket')).toEqual([
      't_store_seconds_bucket{le="0.001",op="append"} 1',
      't_store_seconds_bucket{le="0.01",op="append"} 2',
      't_store_seconds_bucket{le="+Inf",op="append"} 3',
    ]);
    expect(samples(text, 't_store_seconds_count')).toEqual(['t_store_seconds_count{op="append"} 3']);
    expect(Number(samples(text, 't_store_seconds_sum')[0]!.split(' ')[1])).toBeCloseTo(0.5055, 6);
  });

  it('reads traffic counted as plain numbers when scraped', async () => {
    const metrics = createMetrics();
    metrics.traffic.countIn('update');
    metrics.traffic.countIn('update');
    metrics.traffic.countIn('awareness');
    metrics.traffic.bytesOut += 300;
    const text = await metrics.registry.metrics();
    expect(samples(text, 'truenorth_messages_in_total')).toEqual([
      'truenorth_messages_in_total{type="update"} 2',
      'truenorth_messages_in_total{type="awareness"} 1',
    ]);
    expect(samples(text, 'truenorth_bytes_out_total')).toEqual(['truenorth_bytes_out_total 300']);
  });

  it('adds the process metrics (prom-client, loaded at the first scrape) when asked', async () => {
    const without = await createMetrics().registry.metrics();
    expect(without).not.toContain('process_cpu');
    const text = await createMetrics({ defaultMetrics: true }).registry.metrics();
    expect(text).toMatch(/^truenorth_process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^truenorth_nodejs_eventloop_lag_seconds /m);
    expect(samples(text, 'truenorth_connections')).toEqual(['truenorth_connections 0']);
  });
});
