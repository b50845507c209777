import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository } from '../../audit/audit.repository.js';
import { systemContext } from '../../audit/audit.types.js';
import { parseCsv } from '../../common/csv.js';
import { projectRoot } from '../../common/project-root.js';
import { cleanText, searchKey } from '../../common/text.js';
import { ReferenceDataLoad } from '../entities/reference-data-load.entity.js';
import { UnitPopulation } from '../entities/unit-population.entity.js';
import { UnitSuccessor } from '../entities/unit-successor.entity.js';
import { Unit } from '../entities/unit.entity.js';
import type { UnitKind } from '../unit-kinds.js';

const DATA_SET = 'units-vn-2025-thai-binh-hung-yen';
const REFORM_DAY = '2025-07-01';
const LAST_DAY_BEFORE_REFORM = '2025-06-30';

interface UnitSeed {
  code: string;
  name: string;
  kind: UnitKind;
  type: string;
  parentKey: string | null;
  validFrom: string | null;
  validTo: string | null;
  population?: {
    year: number;
    population: number;
    /** The citation people see (population_citations.csv). */
    source: string;
    note: string | null;
    /** Where the figure was found, for developers: the data file's own source columns. */
    provenance: string;
  };
}

const key = (code: string, validFrom: string | null) => `${code}@${validFrom ?? '-'}`;

function read(file: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(projectRoot(), 'src', 'units', 'reference-data', file), 'utf8'));
}

/** The human citation of each bundled population figure, by unit code and year. */
function citations(): Map<string, string> {
  return new Map(read('population_citations.csv').map((r) => [`${r.code}@${r.year}`, cleanText(r.citation)]));
}

/**
 * "2009 (infobox; body text says 2007)" → 2009. What users see of the figure is its citation
 * and `note`; the data file's own source text and the year's qualifier stay as its provenance.
 */
function populationOf(
  cited: Map<string, string>,
  code: string,
  figure: { population: string; year: string; found: string; note?: string | null },
): UnitSeed['population'] {
  const year = Number(/^\d{4}/.exec(figure.year)?.[0]);
  if (!figure.population || !year) return undefined;
  const source = cited.get(`${code}@${year}`);
  if (!source) throw new Error(`Reference data: no citation for ${code}@${year} in population_citations.csv`);
  const qualifier = figure.year.replace(/^\d{4}\s*/, '').trim();
  return {
    year,
    population: Number(figure.population),
    source,
    note: figure.note ?? null,
    provenance: [figure.found, qualifier].filter(Boolean).join(' — '),
  };
}

/** The seeds in parent-before-child order, with the successor links between them. */
export function referenceSeeds(): {
  units: UnitSeed[];
  successors: { from: string; to: string; basis: string }[];
} {
  const root: UnitSeed = {
    code: 'VN',
    name: 'Việt Nam',
    kind: 'national',
    type: 'Trung ương',
    parentKey: null,
    validFrom: null,
    validTo: null,
  };
  const rootKey = key(root.code, null);
  const units: UnitSeed[] = [root];
  const successors: { from: string; to: string; basis: string }[] = [];
  const cited = citations();

  for (const r of read('vietnam_provinces_2025.csv').filter((r) => r.type !== 'national')) {
    const city = r.type.startsWith('thành phố');
    const name = city || r.name.startsWith('Tỉnh ') ? r.name : `Tỉnh ${r.name}`;
    const alt = r.population_alt
      ? `Nguồn khác: ${Number(r.population_alt).toLocaleString('vi-VN')} người (sapnhap.bando.com.vn)`
      : null;
    units.push({
      code: r.code,
      name,
      kind: 'province',
      type: city ? 'Thành phố' : 'Tỉnh',
      parentKey: rootKey,
      validFrom: REFORM_DAY,
      validTo: null,
      population: populationOf(cited, r.code, {
        population: r.population,
        year: '2025',
        found: r.population_basis,
        note: alt,
      }),
    });
  }

  const hungYen = read('hung_yen_2025.csv');
  const province = hungYen.find((r) => r.row_type === 'province');
  if (!province) throw new Error('hung_yen_2025.csv has no province row');
  const hungYenKey = key(province.code, REFORM_DAY);
  for (const r of hungYen.filter((r) => r.row_type !== 'province')) {
    units.push({
      code: r.code,
      name: r.name,
      kind: 'commune',
      type: r.unit_type,
      parentKey: hungYenKey,
      validFrom: REFORM_DAY,
      validTo: null,
      population: populationOf(cited, r.code, {
        population: r.population,
        year: r.population_year,
        found: r.source,
      }),
    });
  }

  const thaiBinh = read('thai_binh_2019_units.csv');
  for (const r of thaiBinh) {
    const isProvince = r.level === 'province';
    units.push({
      code: r.code,
      name: r.name,
      kind: isProvince ? 'province' : 'district',
      type: isProvince ? 'Tỉnh' : r.name.startsWith('Thành phố') ? 'Thành phố' : 'Huyện',
      parentKey: isProvince ? rootKey : key(r.parent_code, null),
      validFrom: null,
      validTo: LAST_DAY_BEFORE_REFORM,
      population: populationOf(cited, r.code, {
        population: r.population,
        year: r.population_year,
        found: r.source,
      }),
    });
    if (isProvince) {
      successors.push({ from: key(r.code, null), to: hungYenKey, basis: 'Nghị quyết 202/2025/QH15' });
    }
  }

  for (const r of read('thai_binh_sample_communes.csv')) {
    units.push({
      code: r.code,
      name: r.name,
      kind: 'commune',
      type: r.unit_type,
      parentKey: key(r.district_code, null),
      validFrom: null,
      validTo: LAST_DAY_BEFORE_REFORM,
      population: populationOf(cited, r.code, {
        population: r.population,
        year: r.population_year,
        found: r.source,
      }),
    });
    if (r.merged_into_2025_code) {
      successors.push({
        from: key(r.code, null),
        to: key(r.merged_into_2025_code, REFORM_DAY),
        basis: `Nghị quyết 1666/NQ-UBTVQH15, khoản ${r.nq1666_clause}`,
      });
    }
  }
  return { units, successors };
}

export interface ReferenceLoadResult {
  loaded: boolean;
  unitsCreated: number;
  populationsCreated: number;
}

/**
 * Loads the bundled units, populations and successor links. Runs once per database
 * (unless forced), and is idempotent either way: existing rows are found by code and
 * start of validity and left as they are, so edits made since are kept.
 */
export async function loadReferenceData(dataSource: DataSource, options: { force?: boolean } = {}) {
  return dataSource.transaction(async (manager): Promise<ReferenceLoadResult> => {
    if (!options.force && (await manager.existsBy(ReferenceDataLoad, { name: DATA_SET }))) {
      return { loaded: false, unitsCreated: 0, populationsCreated: 0 };
    }
    const { units, successors } = referenceSeeds();
    const ids = await existingIds(manager, units);
    const paths = new Map<string, string>();
    let unitsCreated = 0;
    for (const seed of units) {
      const k = key(seed.code, seed.validFrom);
      const parent = seed.parentKey ? { id: ids.get(seed.parentKey), path: paths.get(seed.parentKey) } : null;
      if (parent && (!parent.id || !parent.path))
        throw new Error(`Reference data: no parent ${seed.parentKey} for ${k}`);
      let id = ids.get(k);
      if (id) {
        const existing = await manager.findOneByOrFail(Unit, { id });
        paths.set(k, existing.path);
      } else {
        id = randomUUID();
        const path = `${parent?.path ?? '/'}${id}/`;
        await manager.insert(Unit, {
          id,
          code: seed.code,
          name: cleanText(seed.name),
          searchName: searchKey(seed.name),
          kind: seed.kind,
          type: seed.type,
          branchKind: null,
          parentId: parent?.id ?? null,
          path,
          depth: path.split('/').length - 3,
          validFrom: seed.validFrom,
          validTo: seed.validTo,
        });
        ids.set(k, id);
        paths.set(k, path);
        unitsCreated++;
      }
    }

    const populations = units
      .filter((u) => u.population)
      .map((u) => ({ unitId: ids.get(key(u.code, u.validFrom))!, ...u.population! }));
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(UnitPopulation)
      .values(populations)
      .orIgnore()
      .returning(['unitId'])
      .execute();

    await manager
      .createQueryBuilder()
      .insert()
      .into(UnitSuccessor)
      .values(
        successors.map((s) => ({
          predecessorId: ids.get(s.from)!,
          successorId: ids.get(s.to)!,
          effectiveOn: REFORM_DAY,
          basis: s.basis,
        })),
      )
      .orIgnore()
      .execute();

    await manager
      .createQueryBuilder()
      .insert()
      .into(ReferenceDataLoad)
      .values({ name: DATA_SET, units: units.length })
      .orIgnore()
      .execute();
    const result = { unitsCreated, populationsCreated: inserted.raw.length as number };
    if (result.unitsCreated || result.populationsCreated) {
      await new AuditRepository(dataSource).append(manager, systemContext('reference-data'), {
        action: 'unit.reference_load',
        entityType: 'unit',
        entityId: DATA_SET,
        after: result,
      });
    }
    return { loaded: true, ...result };
  });
}

async function existingIds(manager: EntityManager, seeds: UnitSeed[]): Promise<Map<string, string>> {
  const rows: { id: string; code: string; valid_from: string | null }[] = await manager.query(
    `SELECT id, code, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM units WHERE code = ANY($1)`,
    [[...new Set(seeds.map((s) => s.code))]],
  );
  return new Map(rows.map((r) => [key(r.code, r.valid_from), r.id]));
}
