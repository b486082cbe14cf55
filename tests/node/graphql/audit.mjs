// Conformance: graphql-http's GraphQL-over-HTTP audits against our server.
// Usage: node audit.mjs URL → JSON array of { id, name, status, reason } on stdout.
import { serverAudits } from 'graphql-http';

const [url] = process.argv.slice(2);
const results = [];
// The server needs a key (CDP_AUTHORIZATION, "Bearer sk_..."): every audit request carries it.
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (process.env.CDP_AUTHORIZATION) headers.set('authorization', process.env.CDP_AUTHORIZATION);
  return fetch(input, { ...init, headers });
};
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(JSON.stringify(results));
