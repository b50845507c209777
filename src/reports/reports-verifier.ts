import { DataSource } from 'typeorm';

export interface ReportsCheck {
  ok: boolean;
  rows: number;
  /** The first disagreement, in words, or null. */
  problem: string | null;
}

/**
 * Recomputes the report totals without them: money raised from the donations themselves (a voided
 * gift not at all), fund flows from the postings; both must equal unit_year_totals to the đồng,
 * for every unit and year on either side.
 */
export async function verifyReports(dataSource: DataSource): Promise<ReportsCheck> {
  const rows: {
    unit_id: string;
    year: number;
    stored_raised: string;
    raised: string;
    stored_flow: string;
    flow: string;
  }[] = await dataSource.query(
    `WITH raised AS (
         SELECT d.unit_id, extract(year FROM d.received_on)::int AS year, sum(d.amount) AS raised
           FROM donations d WHERE NOT EXISTS (SELECT 1 FROM donation_voids v WHERE v.donation_id = d.id)
          GROUP BY 1, 2),
       flow AS (
         SELECT p.unit_id, extract(year FROM p.value_date)::int AS year, sum(p.amount) AS flow
           FROM postings p WHERE p.fund_id IS NOT NULL GROUP BY 1, 2),
       computed AS (
         SELECT coalesce(r.unit_id, f.unit_id) AS unit_id, coalesce(r.year, f.year) AS year,
                coalesce(r.raised, 0) AS raised, coalesce(f.flow, 0) AS flow
           FROM raised r FULL JOIN flow f ON f.unit_id = r.unit_id AND f.year = r.year)
       SELECT coalesce(c.unit_id, t.unit_id) AS unit_id, coalesce(c.year, t.year) AS year,
              coalesce(t.raised, 0)::text AS stored_raised, coalesce(c.raised, 0)::text AS raised,
              coalesce(t.flow, 0)::text AS stored_flow, coalesce(c.flow, 0)::text AS flow
         FROM computed c FULL JOIN unit_year_totals t ON t.unit_id = c.unit_id AND t.year = c.year
        WHERE coalesce(t.raised, 0) <> coalesce(c.raised, 0) OR coalesce(t.flow, 0) <> coalesce(c.flow, 0)
        ORDER BY 1, 2 LIMIT 1`,
  );
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM unit_year_totals`);
  const bad = rows[0];
  if (!bad) {
    // Subtree totals: each unit-year added to every ancestor on the unit's current path.
    const [sub]: { unit_id: string; year: number; stored: string; computed: string }[] =
      await dataSource.query(
        `WITH computed AS (
         SELECT anc.id AS unit_id, t.year, sum(t.raised) AS raised, sum(t.flow) AS flow
           FROM unit_year_totals t JOIN units u ON u.id = t.unit_id
          CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) AS anc(id)
          GROUP BY 1, 2),
       stored AS (
         SELECT unit_id, year, sum(raised) AS raised, sum(flow) AS flow FROM unit_subtree_totals GROUP BY 1, 2)
       SELECT coalesce(c.unit_id, s.unit_id) AS unit_id, coalesce(c.year, s.year) AS year,
              coalesce(s.raised, 0) || '/' || coalesce(s.flow, 0) AS stored,
              coalesce(c.raised, 0) || '/' || coalesce(c.flow, 0) AS computed
         FROM computed c FULL JOIN stored s ON s.unit_id = c.unit_id AND s.year = c.year
        WHERE coalesce(c.raised, 0) <> coalesce(s.raised, 0) OR coalesce(c.flow, 0) <> coalesce(s.flow, 0)
        ORDER BY 1, 2 LIMIT 1`,
      );
    if (sub)
      return {
        ok: false,
        rows: n,
        problem: `subtree of unit ${sub.unit_id}, ${sub.year}: stored raised/flow ${sub.stored}, the units below it add up to ${sub.computed}`,
      };
  }
  return {
    ok: !bad,
    rows: n,
    problem: bad
      ? `unit ${bad.unit_id}, ${bad.year}: stored raised ${bad.stored_raised} and flow ${bad.stored_flow}, ` +
        `the journal says raised ${bad.raised} and flow ${bad.flow}`
      : null,
  };
}
