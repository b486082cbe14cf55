// Conformance: graphql-js's validate on each document of a corpus, against the schema our server
// introspects. Usage: node validate-corpus.mjs URL CORPUS_FILE → JSON array on stdout, one entry per
// document: { invalid, locations: ["line:column", ...], messages }.
import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, parse, validate } from 'graphql';

const [url, corpusFile] = process.argv.slice(2);
const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true, oneOf: true });
const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: process.env.CDP_AUTHORIZATION ?? '' }, body: JSON.stringify({ query }) });
const schema = buildClientSchema((await response.json()).data);
const documents = readFileSync(corpusFile, 'utf8').split(/^# -{3,}.*$/m).map((d) => d.trim()).filter(Boolean);
const results = documents.map((source) => {
  let errors;
  try {
    errors = validate(schema, parse(source));
  } catch (error) {
    errors = [error];
  }
  return {
    invalid: errors.length > 0,
    locations: errors.flatMap((e) => (e.locations ?? []).map((l) => `${l.line}:${l.column}`)).sort(),
    messages: errors.map((e) => e.message),
  };
});
process.stdout.write(JSON.stringify(results));
