// Conformance: the graphql-ws client completes a subscription against our server.
// Usage: node ws-client.mjs WS_URL QUERY → JSON { values, completed, error } on stdout.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, query] = process.argv.slice(2);
const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: process.env.CDP_AUTHORIZATION } });
const values = [];
const outcome = await new Promise((resolve) => {
  client.subscribe({ query }, {
    next: (value) => values.push(value),
    error: (error) => resolve({ completed: false, error: String(error?.reason ?? error?.message ?? JSON.stringify(error)) }),
    complete: () => resolve({ completed: true, error: null }),
  });
  setTimeout(() => resolve({ completed: false, error: 'timed out' }), 20000).unref();
});
await client.dispose();
process.stdout.write(JSON.stringify({ values, ...outcome }));
