import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../common/project-root.js';
import { ROLE_NAMES } from '../roles.js';
import { Action, PERMISSIONS } from './actions.js';

describe("the README's roles table", () => {
  it('says exactly what PERMISSIONS allows, for every action', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Who may do what'));
    const table = Object.fromEntries(
      [...section.matchAll(/^\| `([a-z.]+)` +\|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|/gm)].map(
        ([, action, ...cells]) => [action, ROLE_NAMES.filter((_, i) => cells[i].includes('✓'))],
      ),
    );
    const code = Object.fromEntries(
      Object.values(Action).map((action) => [action, [...PERMISSIONS[action]]]),
    );
    expect(table).toEqual(code);
  });
});
