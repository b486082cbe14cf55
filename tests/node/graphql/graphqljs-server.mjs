// Reference server for the benchmark: graphql-js behind graphql-http on node's http. Usage: node graphqljs-server.mjs PORT
import http from 'node:http';
import { buildSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';
import { resolvers, typeDefs } from './bench-schema.mjs';

const schema = buildSchema(typeDefs);
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName);
  for (const [name, resolve] of Object.entries(fields)) {
    if (name === '__resolveType') type.resolveType = resolve;
    else type.getFields()[name].resolve = resolve;
  }
}
const handler = createHandler({ schema });
const server = http.createServer((req, res) => (req.url.startsWith('/graphql') ? handler(req, res) : res.writeHead(404).end()));
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('listening\n'));
