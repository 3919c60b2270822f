// Shared by the tests: the committed fixtures written by the server test
// verk-server/src/test/java/com/verk/server/integration/CapturedDeliveriesFixtureTest.java.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const catalogPath = fileURLToPath(new URL('../../sdk-fixtures/event-types.json', import.meta.url));
export const deliveriesPath = fileURLToPath(new URL('../../sdk-fixtures/deliveries.json', import.meta.url));

export const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
export const captured = JSON.parse(readFileSync(deliveriesPath, 'utf8'));

/**
 * Capture files to check: the committed one, and when VERK_CAPTURED_DELIVERIES names a fresh
 * capture of this build's server test (.ci/run sets it), that one too.
 */
export function captureFiles() {
  const files = [{ name: 'committed sdk-fixtures/deliveries.json', fixture: captured }];
  const fresh = process.env.VERK_CAPTURED_DELIVERIES;
  if (fresh) {
    if (!existsSync(fresh)) {
      throw new Error(`VERK_CAPTURED_DELIVERIES=${fresh} does not exist`);
    }
    files.push({ name: fresh, fixture: JSON.parse(readFileSync(fresh, 'utf8')) });
  }
  return files;
}

/** A clock fixed at the delivery's own webhook-timestamp plus `offsetSeconds`. */
export function at(delivery, offsetSeconds = 0) {
  return () => (Number(delivery.headers['webhook-timestamp']) + offsetSeconds) * 1000;
}

/** The JSON Schema type name of a value, as the catalog's schemas use them. */
export function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value === 'object' ? 'object' : typeof value;
}
