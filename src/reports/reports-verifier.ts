import { DataSource } from 'typeorm';

export interface ReportsCheck {
  ok: boolean;
  rows: number;
  /** The first disagreement, in words, or null. */
  problem: string | null;
}

/**
 * Recomputes the report totals without them (unit_year_totals, then fund_day_totals): money raised from the donations themselves (a voided
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
  if (bad)
    return {
      ok: false,
      rows: n,
      problem:
        `unit ${bad.unit_id}, ${bad.year}: stored raised ${bad.stored_raised} and flow ${bad.stored_flow}, ` +
        `the journal says raised ${bad.raised} and flow ${bad.flow}`,
    };
  // Subtree totals: each unit-year added to every ancestor on the unit's current path.
  const [sub]: { unit_id: string; year: number; stored: string; computed: string }[] = await dataSource.query(
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
  const days = await verifyFundDayTotals(dataSource);
  return { ok: days.problem === null, rows: n + days.rows, problem: days.problem };
}

/**
 * fund_day_totals recomputed from every fund posting, each classified by its entry (and the entry
 * it reverses): gifts and voids by the donor's kind through the donation, payments and returns by
 * the recipient type through the award payment; a gift or payment entry without its business row
 * is "unknown" and so never matches. Compared row by row (fund, day, category, counterpart unit)
 * on the balance, the reserved part and the in-kind part.
 */
export async function verifyFundDayTotals(
  dataSource: DataSource,
): Promise<{ rows: number; problem: string | null }> {
  const rows: {
    fund_id: string;
    day: string;
    category: string;
    counterpart_unit_id: string;
    stored_amount: string;
    amount: string;
    stored_reserved: string;
    reserved: string;
    stored_in_kind: string;
    in_kind: string;
  }[] = await dataSource.query(
    `WITH classified AS (
       SELECT p.fund_id, p.value_date AS day,
              CASE base.kind
                WHEN 'donation' THEN (CASE WHEN e.kind = 'reversal' THEN 'voided:' ELSE 'raised:' END)
                                     || coalesce(dn.kind, 'unknown')
                WHEN 'disbursement' THEN (CASE WHEN e.kind = 'reversal' THEN 'returned:' ELSE 'paid:' END)
                                     || coalesce(c.recipient_type, 'unknown')
                WHEN 'opening_balance' THEN 'opening'
                WHEN 'transfer' THEN CASE WHEN (p.amount > 0) = (e.kind <> 'reversal')
                                          THEN 'transfer_in' ELSE 'transfer_out' END
                WHEN 'reservation' THEN 'reservation'
                WHEN 'release' THEN 'reservation'
                WHEN 'in_kind_issue' THEN 'handed_out'
                ELSE 'other' END AS category,
              CASE WHEN base.kind = 'transfer' THEN coalesce(other.unit_id, p.unit_id) ELSE p.unit_id END
                AS counterpart_unit_id,
              p.amount,
              CASE WHEN a.kind = 'fund_reserved' THEN p.amount ELSE 0 END AS reserved,
              CASE WHEN a.kind = 'fund_in_kind' THEN p.amount ELSE 0 END AS in_kind
         FROM postings p
         JOIN ledger_accounts a ON a.id = p.account_id
         JOIN journal_entries e ON e.id = p.entry_id
         LEFT JOIN journal_entries o ON o.id = e.reverses_entry_id
         CROSS JOIN LATERAL (SELECT coalesce(o.kind, e.kind) AS kind, coalesce(o.id, e.id) AS entry_id) base
         LEFT JOIN donations d ON base.kind = 'donation' AND d.entry_id = base.entry_id
                  AND (e.kind <> 'reversal' OR EXISTS (SELECT 1 FROM donation_voids v
                                                        WHERE v.donation_id = d.id AND v.entry_id = e.id))
         LEFT JOIN donors dn ON dn.id = d.donor_id
         LEFT JOIN award_payments ap ON base.kind = 'disbursement' AND ap.entry_id = base.entry_id
                  AND (e.kind <> 'reversal' OR EXISTS (SELECT 1 FROM award_payment_returns r
                                                        WHERE r.payment_id = ap.id AND r.entry_id = e.id))
         LEFT JOIN awards aw ON aw.id = ap.award_id
         LEFT JOIN award_categories c ON c.id = aw.category_id
         LEFT JOIN LATERAL (SELECT q.unit_id FROM postings q
                             WHERE q.entry_id = p.entry_id AND q.fund_id IS NOT NULL AND q.fund_id <> p.fund_id
                             LIMIT 1) other ON base.kind = 'transfer'
        WHERE p.fund_id IS NOT NULL),
     computed AS (
       SELECT fund_id, day, category, counterpart_unit_id, sum(amount) AS amount, sum(reserved) AS reserved,
              sum(in_kind) AS in_kind
         FROM classified GROUP BY 1, 2, 3, 4)
     SELECT coalesce(c.fund_id, t.fund_id) AS fund_id, to_char(coalesce(c.day, t.day), 'YYYY-MM-DD') AS day,
            coalesce(c.category, t.category) AS category,
            coalesce(c.counterpart_unit_id, t.counterpart_unit_id) AS counterpart_unit_id,
            coalesce(t.amount, 0)::text AS stored_amount, coalesce(c.amount, 0)::text AS amount,
            coalesce(t.reserved, 0)::text AS stored_reserved, coalesce(c.reserved, 0)::text AS reserved,
            coalesce(t.in_kind, 0)::text AS stored_in_kind, coalesce(c.in_kind, 0)::text AS in_kind
       FROM computed c
       FULL JOIN fund_day_totals t ON t.fund_id = c.fund_id AND t.day = c.day AND t.category = c.category
                                  AND t.counterpart_unit_id = c.counterpart_unit_id
      WHERE coalesce(t.amount, 0) <> coalesce(c.amount, 0) OR coalesce(t.reserved, 0) <> coalesce(c.reserved, 0)
         OR coalesce(t.in_kind, 0) <> coalesce(c.in_kind, 0)
      ORDER BY 1, 2, 3, 4 LIMIT 1`,
  );
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM fund_day_totals`);
  const bad = rows[0];
  return {
    rows: n,
    problem: bad
      ? `fund ${bad.fund_id}, ${bad.day}, ${bad.category} (counterpart unit ${bad.counterpart_unit_id}): ` +
        `stored ${bad.stored_amount} (reserved ${bad.stored_reserved}, in kind ${bad.stored_in_kind}), ` +
        `the journal says ${bad.amount} (reserved ${bad.reserved}, in kind ${bad.in_kind})`
      : null,
  };
}
