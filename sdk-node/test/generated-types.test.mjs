// The typed events are generated from the catalog, and the committed file is exactly that output.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { DEFAULT_OUT, generate } from '../scripts/generate-events.mjs';
import * as esm from '@verk/webhooks';
import { catalog, catalogPath } from './support.mjs';

test('the committed src/events.generated.ts is exactly what the generator makes of the committed catalog', () => {
  // sdk-fixtures/event-types.json is compared with the live server's catalog by
  // CapturedDeliveriesFixtureTest, so together these fail on any drift from the server.
  assert.equal(readFileSync(DEFAULT_OUT, 'utf8'), generate(catalog));
});

test('the generator command reports the committed file up to date', () => {
  const output = execFileSync(process.execPath, ['scripts/generate-events.mjs', '--check', '--catalog', catalogPath], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  assert.match(output, /up to date/);
});

test('a new event type in the catalog is one regeneration away', () => {
  const extended = structuredClone(catalog);
  extended.data.push({
    name: 'sprint.started',
    description: 'A sprint started.',
    schema: {
      type: 'object',
      properties: { id: { type: 'string' }, goal: { type: ['string', 'null'] }, points: { type: 'integer' } },
      required: ['id', 'goal', 'points'],
    },
  });
  const source = generate(extended);
  assert.match(source, /export interface SprintStartedData \{\n {2}id: string;\n {2}goal: string \| null;\n {2}points: number;\n\}/);
  assert.match(source, /'sprint\.started': SprintStartedData;/);
  assert.match(source, /\| SprintStartedEvent;/);
});

test('the generator refuses JSON Schema it does not understand instead of guessing', () => {
  const odd = structuredClone(catalog);
  odd.data[0].schema.properties.id = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  assert.throws(() => generate(odd), /oneOf/);
});

test('the generated types narrow event data as documented (tsc on test/types/usage.ts)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('types/tsconfig.json', import.meta.url))], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('the ES module and the CommonJS build export the same API', () => {
  const cjs = createRequire(import.meta.url)('@verk/webhooks');
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort());
  assert.deepEqual(cjs.EVENT_TYPES, esm.EVENT_TYPES);
  assert.ok(Object.keys(esm).includes('verkWebhookMiddleware'));
});

test('the package has no runtime dependencies', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.dependencies, undefined);
  assert.equal(pkg.peerDependencies, undefined);
  assert.deepEqual(Object.keys(pkg.devDependencies).sort(), ['@types/node', 'express', 'typescript']);
});
