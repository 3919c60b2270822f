/**
 * Request headers in any of the shapes Node frameworks hand out: Node's and Express's
 * `req.headers` (a plain object), a Fetch API `Headers`, a `Map`, or a lookup function.
 */
export type HeadersInput =
  | { readonly [name: string]: string | readonly string[] | undefined }
  | { get(name: string): string | null | undefined }
  | ((name: string) => string | readonly string[] | null | undefined);

/** Case-insensitive lookup of all non-blank, trimmed values of a header, in order. */
export function headerLookup(headers: HeadersInput): (name: string) => string[] {
  if (headers === null || headers === undefined) {
    throw new TypeError('headers must not be null');
  }
  if (typeof headers === 'function') {
    return (name) => {
      const values = collect(headers(name));
      return values.length > 0 || name === name.toLowerCase() ? values : collect(headers(name.toLowerCase()));
    };
  }
  if (typeof (headers as { get?: unknown }).get === 'function' && !isPlainObject(headers)) {
    const getter = headers as { get(name: string): string | null | undefined };
    if (headers instanceof Map) {
      return (name) => {
        const values: string[] = [];
        for (const [key, value] of headers as Map<unknown, unknown>) {
          if (typeof key === 'string' && key.toLowerCase() === name.toLowerCase()) {
            values.push(...collect(value));
          }
        }
        return values;
      };
    }
    return (name) => collect(getter.get(name));
  }
  const record = headers as { readonly [name: string]: unknown };
  return (name) => {
    const wanted = name.toLowerCase();
    const values: string[] = [];
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === wanted) {
        values.push(...collect(record[key]));
      }
    }
    return values;
  };
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function collect(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(collect);
  }
  if (value === null || value === undefined) {
    return [];
  }
  const text = String(value).trim();
  return text === '' ? [] : [text];
}
