// The official SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5, as shipped by @microsoft/jest-sarif) compiled
// with Ajv; shared by the CLI's SARIF suite and the GitHub Action's.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

export function sarifValidator() {
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The schema is draft-04; Ajv 8 speaks draft-07, which differs only in `id` -> `$id` for this file.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // One pattern in the schema (language tags) is not valid in Unicode mode; compile patterns without the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
