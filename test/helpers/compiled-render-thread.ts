import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../src/common/project-root.js';

/**
 * The render thread's entry as JavaScript, for a test of the real worker threads: jest runs
 * TypeScript, which a worker thread cannot load. Transpiles (no type check, a second or so) what
 * the thread imports into .data/test-render, inside the project so its packages resolve.
 */
export function compiledRenderThread(): string {
  const root = projectRoot();
  const out = join(root, '.data', 'test-render');
  for (const dir of ['src/common', 'src/documents', 'src/documents/render', 'templates']) {
    for (const name of readdirSync(join(root, dir))) {
      if (!name.endsWith('.ts') || name.endsWith('.spec.ts')) continue;
      const source = readFileSync(join(root, dir, name), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: {
          module: ts.ModuleKind.ES2022,
          target: ts.ScriptTarget.ES2022,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
        },
        fileName: name,
      });
      const target = join(out, relative(root, join(root, dir)), name.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  }
  return join(out, 'src', 'documents', 'render', 'render-thread.js');
}
