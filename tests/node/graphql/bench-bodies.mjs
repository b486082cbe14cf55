// Writes the benchmark's three request bodies (JSON) into a folder. Usage: node bench-bodies.mjs DIR
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';

const [dir] = process.argv.slice(2);
const bodies = {
  lookup: { query: '{ user(id: "u42") { id name email } }' },
  nested: {
    query: 'query Nested { users(first: 20) { ...U friends { ...U posts { id title likes } } } } fragment U on User { id name email age }',
    operationName: 'Nested',
  },
  introspection: { query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' },
};
for (const [name, body] of Object.entries(bodies)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(body));
