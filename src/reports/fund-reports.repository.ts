import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { associationName } from '../common/unit-names.js';

export interface ReportRoot {
  id: string;
  code: string;
  name: string;
  path: string;
  parentName: string | null;
}

/** How a report's PDF names its unit: the association (under its parent's), the scope and the place. */
export function reportHeading(unit: ReportRoot) {
  return {
    unitName: associationName(unit.name),
    parentName: unit.parentName ? associationName(unit.parentName) : null,
    scope: `${unit.name} và các đơn vị trực thuộc`,
    place: unit.name,
  };
}

export interface SubtreeFund {
  id: string;
  name: string;
  kind: string;
  unitId: string;
  unitCode: string;
  unitName: string;
}

/** One category's sums for a fund, from fund_day_totals (numbers of đồng). */
export interface CategorySums {
  fundId: string;
  category: string;
  /** For transfers: whether the other fund's unit lies in the report's subtree. */
  internal: boolean;
  /** Balance change up to the day before `from`, and from `from` to `to`. */
  before: number;
  during: number;
  reservedBefore: number;
  reservedDuring: number;
  /** The in-kind part of `before` and `during` (goods received, handed out). */
  inKindBefore: number;
  inKindDuring: number;
}

export interface DisclosedPayment {
  paymentId: string;
  paidOn: string;
  unitName: string;
  fundId: string;
  fundName: string;
  roundTitle: string;
  categoryName: string;
  recipientType: string;
  amount: number;
  /** Only where the snapshot allowed its publication; never read otherwise. */
  fullName: string | null;
  birthDate: string;
  consentGuardian: boolean;
  consentChild: boolean;
  returned: boolean;
}

// The subtree of a unit as a range of the path index (collation C; '~' sorts after every path character).
const IN_SUBTREE = (column: string, path: string) => `(${column} >= ${path} AND ${column} < ${path} || '~')`;

/** Narrow reads for the fund summary and the disclosure: summary rows, never the postings. */
@Injectable()
export class FundReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async unit(id: string): Promise<ReportRoot> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.code, u.name, u.path, p.name AS "parentName"
         FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = $1`,
      [id],
    );
    return row;
  }

  /** The funds of the subtree that are open or moved money up to `to`, by unit then name. */
  funds(path: string, to: string): Promise<SubtreeFund[]> {
    return this.dataSource.query(
      `SELECT f.id, f.name, f.kind, u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName"
         FROM units u JOIN funds f ON f.unit_id = u.id
        WHERE ${IN_SUBTREE('u.path', '$1')}
          AND (f.status = 'open' OR EXISTS (SELECT 1 FROM fund_day_totals t WHERE t.fund_id = f.id AND t.day <= $2))
        ORDER BY u.path, f.search_name, f.id`,
      [path, to],
    );
  }

  /** Per fund of the subtree and category: sums before `from` and within [from, to]. */
  async categorySums(path: string, from: string, to: string): Promise<CategorySums[]> {
    const rows: Record<string, string | boolean>[] = await this.dataSource.query(
      `SELECT t.fund_id AS "fundId", t.category,
              ${IN_SUBTREE('cu.path', '$1')} AS internal,
              coalesce(sum(t.amount) FILTER (WHERE t.day < $2), 0)::text AS before,
              coalesce(sum(t.amount) FILTER (WHERE t.day >= $2), 0)::text AS during,
              coalesce(sum(t.reserved) FILTER (WHERE t.day < $2), 0)::text AS "reservedBefore",
              coalesce(sum(t.reserved) FILTER (WHERE t.day >= $2), 0)::text AS "reservedDuring",
              coalesce(sum(t.in_kind) FILTER (WHERE t.day < $2), 0)::text AS "inKindBefore",
              coalesce(sum(t.in_kind) FILTER (WHERE t.day >= $2), 0)::text AS "inKindDuring"
         FROM units u
         JOIN funds f ON f.unit_id = u.id
         JOIN fund_day_totals t ON t.fund_id = f.id AND t.day <= $3
         JOIN units cu ON cu.id = t.counterpart_unit_id
        WHERE ${IN_SUBTREE('u.path', '$1')}
        GROUP BY 1, 2, 3`,
      [path, from, to],
    );
    return rows.map((r) => ({
      fundId: r.fundId as string,
      category: r.category as string,
      internal: r.internal as boolean,
      before: Number(r.before),
      during: Number(r.during),
      reservedBefore: Number(r.reservedBefore),
      reservedDuring: Number(r.reservedDuring),
      inKindBefore: Number(r.inKindBefore),
      inKindDuring: Number(r.inKindDuring),
    }));
  }

  /**
   * Award payments made in [from, to] by rounds of the subtree's units, oldest first; `returned`
   * when the money came back by `to`. The name is read only where the payment's snapshot says it
   * may be published.
   */
  async payments(path: string, from: string, to: string): Promise<DisclosedPayment[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ap.id AS "paymentId", to_char(ap.paid_on, 'YYYY-MM-DD') AS "paidOn", u.name AS "unitName",
              f.id AS "fundId", f.name AS "fundName", r.title AS "roundTitle", c.name AS "categoryName",
              c.recipient_type AS "recipientType", a.amount::text AS amount,
              CASE WHEN (ap.certificate_snapshot -> 'recipient' ->> 'publishName') = 'true'
                   THEN n.full_name END AS "fullName",
              to_char(n.birth_date, 'YYYY-MM-DD') AS "birthDate", n.consent_guardian AS "consentGuardian",
              n.consent_child AS "consentChild",
              EXISTS (SELECT 1 FROM award_payment_returns pr JOIN journal_entries e ON e.id = pr.entry_id
                       WHERE pr.payment_id = ap.id AND e.value_date <= $3) AS returned
         FROM award_payments ap
         JOIN awards a ON a.id = ap.award_id
         JOIN nominations n ON n.id = a.nomination_id
         JOIN award_rounds r ON r.id = a.round_id
         JOIN award_categories c ON c.id = a.category_id
         JOIN units u ON u.id = r.unit_id
         JOIN funds f ON f.id = r.fund_id
        WHERE ${IN_SUBTREE('u.path', '$1')} AND ap.paid_on BETWEEN $2 AND $3
        ORDER BY ap.paid_on, u.path, c.name, n.search_name, ap.id`,
      [path, from, to],
    );
    return rows.map((r) => ({ ...(r as unknown as DisclosedPayment), amount: Number(r.amount) }));
  }
}
