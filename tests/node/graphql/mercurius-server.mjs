// Reference server for the benchmark: mercurius on fastify with graphql-jit (compiles a query on its first use).
// Usage: node mercurius-server.mjs PORT
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { resolvers, typeDefs } from './bench-schema.mjs';

const app = Fastify({ logger: false });
const { Node, ...rest } = resolvers;
app.register(mercurius, { schema: typeDefs, resolvers: rest, jit: 1, path: '/graphql' });
app.register(async () => {}).after(() => {
  const schema = app.graphql.schema;
  schema.getType('Node').resolveType = Node.__resolveType;
});
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
process.stdout.write('listening\n');
