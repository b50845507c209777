import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile, writeResult } from './results.js';

describe('bench results on a fresh clone', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bench-results-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <suite>.json into a bench-results folder that does not exist yet', () => {
    const folder = join(dir, 'bench-results');
    expect(existsSync(folder)).toBe(false);
    const file = writeResult(folder, 'donations', { ratio: 0.42 });
    expect(file).toBe(join(folder, 'donations.json'));
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.result).toEqual({ ratio: 0.42 });
    expect(Number.isNaN(Date.parse(saved.at))).toBe(false);
  });

  it('creates the folders of any other file a suite saves', () => {
    const file = join(dir, 'a', 'b', 'list.pdf');
    writeFile(file, Buffer.from('%PDF-'));
    expect(readFileSync(file, 'utf8')).toBe('%PDF-');
  });
});
