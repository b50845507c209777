import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Target } from './target-source.js';

export interface ReportUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
}

/** Money of a subtree for a year and the year before, from unit_year_totals. */
export interface SubtreeMoney {
  raised: number;
  raisedBefore: number;
  /** Fund balances at the end of the year, and of the year before. */
  balance: number;
  balanceBefore: number;
}

export interface Population {
  year: number;
  population: number;
  source: string;
}

/** The in-kind part of a subtree's money (goods, at their value): raised in the year and the one before, held at their ends. */
export interface SubtreeInKind {
  raised: number;
  raisedBefore: number;
  balance: number;
  balanceBefore: number;
}

/** A subtree's money in one year: gifts raised and the change of its fund balances. */
export interface YearMoney {
  year: number;
  raised: number;
  flow: number;
}

const MONEY = `coalesce(sum(t.raised) FILTER (WHERE t.year = $2), 0)::bigint AS raised,
  coalesce(sum(t.raised) FILTER (WHERE t.year = $2 - 1), 0)::bigint AS "raisedBefore",
  coalesce(sum(t.flow), 0)::bigint AS balance,
  coalesce(sum(t.flow) FILTER (WHERE t.year <= $2 - 1), 0)::bigint AS "balanceBefore"`;

const toMoney = (r: Record<string, string> | undefined): SubtreeMoney => ({
  raised: Number(r?.raised ?? 0),
  raisedBefore: Number(r?.raisedBefore ?? 0),
  balance: Number(r?.balance ?? 0),
  balanceBefore: Number(r?.balanceBefore ?? 0),
});

/** Narrow reads for the reports: the tree as valid in a year, summary totals, populations, targets. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async unit(id: string): Promise<ReportUnit | null> {
    const [row] = await this.dataSource.query(`SELECT id, code, name, kind, path FROM units WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /** The unit's children that existed at some time in the year. */
  children(parentId: string, year: number): Promise<ReportUnit[]> {
    return this.dataSource.query(
      `SELECT id, code, name, kind, path FROM units
        WHERE parent_id = $1 AND (valid_from IS NULL OR valid_from <= make_date($2, 12, 31))
          AND (valid_to IS NULL OR valid_to >= make_date($2, 1, 1))
        ORDER BY code, name`,
      [parentId, year],
    );
  }

  /** Each unit's whole subtree: money raised in the year, and balances at its end (and the year before). */
  async subtreeMoney(units: ReportUnit[], year: number): Promise<Map<string, SubtreeMoney>> {
    if (units.length === 0) return new Map();
    // One row per unit, year and shard, whatever the size of the subtree below it.
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT t.unit_id AS id, ${MONEY}
         FROM unit_subtree_totals t WHERE t.unit_id = ANY($1::uuid[]) AND t.year <= $2
        GROUP BY t.unit_id`,
      [units.map((u) => u.id), year],
    );
    return new Map(units.map((u) => [u.id, toMoney(rows.find((r) => r.id === u.id))]));
  }

  /**
   * The in-kind part of each unit's subtree money: gifts of goods received in the year (and the
   * year before) and not voided, counted in the gift's year like the money raised; and the value
   * of goods the subtree's funds held at the end of those years. Few rows: gifts of goods only.
   */
  async subtreeInKind(units: ReportUnit[], year: number): Promise<Map<string, SubtreeInKind>> {
    if (units.length === 0) return new Map();
    const params = [units.map((u) => u.id), units.map((u) => u.path), year];
    const tree = `unnest($1::uuid[], $2::text[]) AS c(id, path)
       JOIN units u ON u.path >= c.path AND u.path < c.path || '~'`;
    const [raised, held]: Record<string, string>[][] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id,
                coalesce(sum(d.amount) FILTER (WHERE d.received_on >= make_date($3, 1, 1)), 0)::text AS raised,
                coalesce(sum(d.amount) FILTER (WHERE d.received_on < make_date($3, 1, 1)), 0)::text AS "raisedBefore"
           FROM ${tree}
           JOIN donations d ON d.unit_id = u.id AND d.method = 'in_kind'
                           AND d.received_on BETWEEN make_date($3 - 1, 1, 1) AND make_date($3, 12, 31)
          WHERE NOT EXISTS (SELECT 1 FROM donation_voids v WHERE v.donation_id = d.id)
          GROUP BY c.id`,
        params,
      ),
      this.dataSource.query(
        `SELECT c.id,
                coalesce(sum(p.amount), 0)::text AS balance,
                coalesce(sum(p.amount) FILTER (WHERE p.value_date < make_date($3, 1, 1)), 0)::text AS "balanceBefore"
           FROM ${tree}
           JOIN funds f ON f.unit_id = u.id
           JOIN ledger_accounts a ON a.fund_id = f.id AND a.kind = 'fund_in_kind'
           JOIN postings p ON p.account_id = a.id AND p.value_date <= make_date($3, 12, 31)
          GROUP BY c.id`,
        params,
      ),
    ]);
    const of = (rows: Record<string, string>[], id: string) => rows.find((r) => r.id === id);
    return new Map(
      units.map((u) => {
        const r = of(raised, u.id);
        const h = of(held, u.id);
        return [
          u.id,
          {
            raised: Number(r?.raised ?? 0),
            raisedBefore: Number(r?.raisedBefore ?? 0),
            balance: Number(h?.balance ?? 0),
            balanceBefore: Number(h?.balanceBefore ?? 0),
          },
        ];
      }),
    );
  }

  /** The unit's own funds only (not those of the units below it). */
  async ownMoney(unitId: string, year: number): Promise<SubtreeMoney> {
    const [row] = await this.dataSource.query(
      `SELECT ${MONEY} FROM unit_year_totals t WHERE t.unit_id = $1 AND t.year <= $2`,
      [unitId, year],
    );
    return toMoney(row);
  }

  /** Each unit's population for the year, or its latest earlier figure. */
  async populations(unitIds: string[], year: number): Promise<Map<string, Population>> {
    const rows: { unit_id: string; year: number; population: number; source: string }[] =
      await this.dataSource.query(
        `SELECT DISTINCT ON (unit_id) unit_id, year, population, source FROM unit_populations
        WHERE unit_id = ANY($1::uuid[]) AND year <= $2 ORDER BY unit_id, year DESC`,
        [unitIds, year],
      );
    return new Map(
      rows.map((r) => [r.unit_id, { year: r.year, population: r.population, source: r.source }]),
    );
  }

  /**
   * Each unit's target for the year: its own, else its level's; the latest earlier year's when the
   * year has none.
   */
  async targets(units: ReportUnit[], year: number): Promise<Map<string, Target>> {
    const rows: { unit_id: string; year: number; amount: string; source: string; own: boolean }[] =
      await this.dataSource.query(
        `SELECT DISTINCT ON (u.id) u.id AS unit_id, t.year, t.amount::text, t.source, t.unit_id IS NOT NULL AS own
         FROM unnest($1::uuid[], $2::text[]) AS u(id, kind)
         JOIN per_capita_targets t ON (t.unit_id = u.id OR t.unit_kind = u.kind) AND t.year <= $3
        ORDER BY u.id, t.year DESC, t.unit_id IS NULL`,
        [units.map((u) => u.id), units.map((u) => u.kind), year],
      );
    return new Map(
      rows.map((r) => [
        r.unit_id,
        { year: r.year, amount: Number(r.amount), source: r.source, scope: r.own ? 'unit' : 'level' },
      ]),
    );
  }

  /** Units by id, in no particular order (ancestors for breadcrumbs and inherited targets). */
  unitsByIds(ids: string[]): Promise<ReportUnit[]> {
    return this.dataSource.query(`SELECT id, code, name, kind, path FROM units WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /**
   * The subtree's raised and flow for every year up to `toYear` (a year-end balance is the sum of
   * the flows up to it, so the early years are needed too), from the subtree totals.
   */
  async subtreeYears(unitId: string, toYear: number): Promise<YearMoney[]> {
    const rows: { year: number; raised: string; flow: string }[] = await this.dataSource.query(
      `SELECT year, sum(raised)::bigint::text AS raised, sum(flow)::bigint::text AS flow
         FROM unit_subtree_totals WHERE unit_id = $1 AND year <= $2
        GROUP BY year ORDER BY year`,
      [unitId, toYear],
    );
    return rows.map((r) => ({ year: r.year, raised: Number(r.raised), flow: Number(r.flow) }));
  }

  /**
   * Money paid out of the subtree's funds to award recipients, per year of payment, net of
   * payments that came back: the paid and returned lines of the funds' day totals (few rows:
   * awards, not gifts).
   */
  async subtreePaidOut(path: string, fromYear: number, toYear: number): Promise<Map<number, number>> {
    const rows: { year: number; paid: string }[] = await this.dataSource.query(
      `SELECT extract(year FROM t.day)::int AS year, (-sum(t.amount))::bigint::text AS paid
         FROM units d
         JOIN funds f ON f.unit_id = d.id
         JOIN fund_day_totals t ON t.fund_id = f.id
        WHERE d.path >= $1 AND d.path < $1 || '~'
          AND (t.category LIKE 'paid:%' OR t.category LIKE 'returned:%')
          AND t.day >= make_date($2, 1, 1) AND t.day <= make_date($3, 12, 31)
        GROUP BY 1`,
      [path, fromYear, toYear],
    );
    return new Map(rows.map((r) => [r.year, Number(r.paid)]));
  }

  /** Every population figure of the unit up to the year, oldest first. */
  populationHistory(unitId: string, toYear: number): Promise<Population[]> {
    return this.dataSource.query(
      `SELECT year, population, source FROM unit_populations WHERE unit_id = $1 AND year <= $2 ORDER BY year`,
      [unitId, toYear],
    );
  }
}
