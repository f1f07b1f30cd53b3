// Test helper (not shipped): the Flask-made fixtures in fixtures/flask/.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TypedValue } from '../../../protocol/src/typed-value.js';

export const FLASK_FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/flask/', import.meta.url));

export interface FlaskFixture {
  case: string;
  secretKey: string;
  salt: string;
  digest: 'sha1' | 'sha256';
  setCookie: string;
  cookieName: string;
  cookieValue: string;
  compressed: boolean;
  permanent: boolean;
  signedAt: number;
  expected: TypedValue;
}

export function loadFlaskFixtures(): FlaskFixture[] {
  return readdirSync(FLASK_FIXTURE_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(FLASK_FIXTURE_DIR + file, 'utf8')) as FlaskFixture);
}
