// npm run bench [-- units-tree|donations|import|awards|documents|per-capita|web-form]: each scenario beside its baseline, measured in
// the same run on scratch databases; results in bench-results/. Never part of npm test.
import 'reflect-metadata';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/project-root.js';
import { loadConfig } from '../../src/config/config.js';
import { resolveDatabase } from '../../src/database/connect.js';
import { benchAwards } from './awards.js';
import { benchDocuments } from './documents.js';
import { benchDonations } from './donations.js';
import { benchImport } from './import.js';
import { benchPerCapita } from './per-capita.js';
import { writeResult } from './results.js';
import { benchUnitsTree } from './units-tree.js';
import { benchWebForm } from './web-form.js';

const SUITES: Record<string, (url: string) => Promise<unknown>> = {
  'units-tree': benchUnitsTree,
  donations: benchDonations,
  import: benchImport,
  awards: benchAwards,
  documents: benchDocuments,
  'per-capita': benchPerCapita,
  'web-form': benchWebForm,
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => a in SUITES);
  const config = loadConfig();
  const database = await resolveDatabase(config.database, { log: (m) => console.log(m) });
  // Each suite's file is written with its folder created then: nothing assumes it exists.
  const dir = join(projectRoot(), 'bench-results');
  try {
    for (const [name, suite] of Object.entries(SUITES)) {
      if (wanted.length && !wanted.includes(name)) continue;
      const result = await suite(database.url);
      if (result) console.log(`\nwrote ${writeResult(dir, name, result)}`);
    }
  } finally {
    await database.embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
