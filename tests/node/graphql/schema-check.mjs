// Conformance: graphql-js builds a client schema from our introspection, finds it valid, and prints
// the same SDL as our own printer. Usage: node schema-check.mjs URL SDL_FILE  → JSON on stdout.
import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, printSchema, validateSchema } from 'graphql';

const [url, sdlFile] = process.argv.slice(2);
const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: process.env.CDP_AUTHORIZATION ?? '' }, body: JSON.stringify({ query }) });
const body = await response.json();
const result = { status: response.status, introspectionErrors: body.errors ?? null };
try {
  const schema = buildClientSchema(body.data);
  result.built = true;
  result.validateSchema = validateSchema(schema).map((e) => e.message);
  result.printed = printSchema(schema);
  result.samePrint = result.printed === readFileSync(sdlFile, 'utf8');
} catch (error) {
  result.built = false;
  result.buildError = String(error?.stack ?? error);
}
process.stdout.write(JSON.stringify(result));
