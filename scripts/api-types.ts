/**
 * Generates the admin web UI's API types (web/src/openapi.gen.ts) from the OpenAPI document with
 * openapi-typescript, formatted as the repo formats code. `npm run api-types` writes the file; with `--print`
 * it prints it instead, which a unit test compares with the committed file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from '../src/api-description/openapi';

/** Run from the project root (as npm scripts are). */
export const API_TYPES_FILE = path.resolve('web', 'src', 'openapi.gen.ts');

const HEADER = `/**
 * Generated from GET /api/v1/openapi.json by \`npm run api-types\` (scripts/api-types.ts); do not edit.
 * web/src/api-types.ts names the types the pages use.
 */
`;

export async function apiTypesSource(): Promise<string> {
  const document = buildOpenApiDocument();
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as Parameters<typeof openapiTS>[0]);
  const options = await resolveConfig(API_TYPES_FILE);
  return format(HEADER + astToString(ast), { ...options, filepath: API_TYPES_FILE });
}

if (require.main === module) {
  apiTypesSource()
    .then((source) =>
      process.argv.includes('--print') ? process.stdout.write(source) : writeFileSync(API_TYPES_FILE, source),
    )
    .catch((error: unknown) => {
      process.stderr.write(`api-types failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
