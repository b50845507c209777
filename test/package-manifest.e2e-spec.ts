import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import semver from 'semver';
import { projectRoot } from '../src/common/project-root.js';

/**
 * package.json says the truth: what the service imports at run time is a direct dependency (not
 * something another package happens to bring), and engines.node admits no Node version on which
 * an installed package asks for a newer one (npm ci would warn EBADENGINE there).
 */

const root = projectRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The packages a file imports at run time (type-only imports are erased). */
function runtimeImports(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?!type\s)[^'";]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1]);
  return found
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('package.json', () => {
  it('lists every package the service imports at run time among its dependencies', () => {
    const missing: string[] = [];
    for (const dir of ['src', 'migrations', 'templates']) {
      for (const file of sources(join(root, dir))) {
        for (const name of runtimeImports(readFileSync(file, 'utf8'))) {
          if (!(name in pkg.dependencies)) missing.push(`${name} (${relative(root, file)})`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('claims Node versions on which every installed package may run', () => {
    // The lowest release in each part of the claim ("^20.19.0 || ^22.13.0": 20.19.0 and 22.13.0);
    // .ci/run tests the machine's Node 20 and the newest Node 22.
    const claimed = pkg.engines.node as string;
    const lowest = claimed.split('||').map((part) => semver.minVersion(part)!.version);
    expect(lowest.map((v) => semver.major(v))).toEqual([20, 22]);
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(
      lock.packages as Record<string, { version?: string; engines?: { node?: unknown } }>,
    )) {
      const wants = entry.engines?.node;
      if (!path || typeof wants !== 'string') continue;
      for (const version of lowest) {
        if (!semver.satisfies(version, wants))
          refused.push(
            `${path.replace(/^.*node_modules\//, '')}@${entry.version} needs Node ${wants}, not ${version}`,
          );
      }
    }
    expect(refused).toEqual([]);
  });
});
