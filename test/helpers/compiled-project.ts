import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../src/common/project-root.js';

const OUT = join(projectRoot(), '.data', 'test-build');
let built = false;

function transpileTree(dir: string): void {
  const root = projectRoot();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      transpileTree(path);
      continue;
    }
    if (!name.endsWith('.ts') || name.endsWith('.spec.ts') || name.endsWith('.d.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
      fileName: name,
    });
    const target = join(OUT, relative(root, dir), name.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
}

/**
 * The service as JavaScript, for tests that need a real second process (a worker killed with
 * SIGKILL) or a worker thread: jest runs TypeScript, which neither can load. Transpiled without a
 * type check (the type check is `npm run typecheck`) into .data/test-build, inside the project so
 * its packages and files resolve; once per test file.
 */
export function compiledProject(): { main: string; renderThread: string } {
  if (!built) {
    for (const dir of ['src', 'templates', 'migrations']) transpileTree(join(projectRoot(), dir));
    built = true;
  }
  return {
    main: join(OUT, 'src', 'main.js'),
    renderThread: join(OUT, 'src', 'documents', 'render', 'render-thread.js'),
  };
}
