// Drives the real @segment/analytics-node client at a running ingest and prints, as one JSON
// line on stdout, every request body it sent and every response status it got.
// usage: node analytics-node-client.mjs HOST WRITE_KEY RUN_ID
import { Analytics } from '@segment/analytics-node';

const [host, writeKey, runId] = process.argv.slice(2);
if (!host || !writeKey || !runId) {
  console.error('usage: node analytics-node-client.mjs HOST WRITE_KEY RUN_ID');
  process.exit(2);
}

// flushAt 1000: the six named calls and 994 tracks fill exactly one 1,000-event batch.
const analytics = new Analytics({ writeKey, host, flushAt: 1000, flushInterval: 60_000, maxRetries: 3 });
const requests = [];
const statuses = [];
const errors = [];
analytics.on('http_request', (request) => requests.push(JSON.parse(request.body)));
analytics.on('http_response', (response) => statuses.push(response.status));
analytics.on('error', (error) => errors.push(String(error?.reason ?? error?.message ?? error)));

const user = `user-${runId}`;
const anon = `anon-${runId}`;
analytics.track({ userId: user, event: 'Order Completed', properties: { total: 42.5, currency: 'EUR', items: [{ sku: 'a-1', qty: 2 }] } });
analytics.identify({ userId: user, anonymousId: anon, traits: { email: `${runId}@example.com`, plan: 'pro', age: 41 } });
analytics.page({ anonymousId: anon, category: 'Docs', name: 'Getting Started', properties: { path: '/docs', referrer: 'https://example.com/' } });
analytics.screen({ userId: user, name: 'Checkout', properties: { step: 2 } });
analytics.group({ userId: user, groupId: `group-${runId}`, traits: { name: 'Acme Inc', employees: 12 } });
analytics.alias({ userId: user, previousId: anon });
for (let i = 0; i < 994; i++) {
  analytics.track({ userId: `${user}-${i % 50}`, event: 'Item Viewed', properties: { index: i, runId } });
}

await analytics.closeAndFlush({ timeout: 60_000 });
process.stdout.write(JSON.stringify({ requests, statuses, errors }) + '\n');
