// Conformance: graphql-http's GraphQL-over-HTTP audits against our server.
// Usage: node audit.mjs URL → JSON array of { id, name, status, reason } on stdout.
import { serverAudits } from 'graphql-http';

const [url] = process.argv.slice(2);
const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(JSON.stringify(results));
