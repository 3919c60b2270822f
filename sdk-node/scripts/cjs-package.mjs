// The package is "type": "module"; this marks dist/cjs as CommonJS so require() loads it.
import { writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/cjs/package.json', import.meta.url), '{\n  "type": "commonjs"\n}\n');
