// The SQL of fund_day_totals' triggers, shared by the migrations that create (FundDayTotals) and
// amend (InKindDayTotals) them. Not a migration itself: its name does not start with a timestamp,
// so the service's migration loader (dist/migrations/[0-9]*-*.js) never takes it for one.
// Changing this text changes what those migrations did: leave it as it is; amend in a new migration.

export const UPSERT = (select: string) => `
  INSERT INTO fund_day_totals (fund_id, day, category, counterpart_unit_id, amount, reserved)
  SELECT fund_id, day, category, counterpart_unit_id, sum(amount)::bigint, sum(reserved)::bigint
    FROM (${select}) s
   GROUP BY fund_id, day, category, counterpart_unit_id
   ORDER BY fund_id, day, category, counterpart_unit_id
  ON CONFLICT (fund_id, day, category, counterpart_unit_id) DO UPDATE
    SET amount = fund_day_totals.amount + EXCLUDED.amount,
        reserved = fund_day_totals.reserved + EXCLUDED.reserved`;

/** The fund postings of entries (entry_id, category) as rows of the table, before aggregation. */
export const FUND_POSTINGS_OF = (entries: string) => `
  SELECT p.fund_id, p.value_date AS day, x.category, p.unit_id AS counterpart_unit_id, p.amount,
         CASE WHEN a.kind = 'fund_reserved' THEN p.amount ELSE 0 END AS reserved
    FROM (${entries}) x
    JOIN postings p ON p.entry_id = x.entry_id AND p.fund_id IS NOT NULL
    JOIN ledger_accounts a ON a.id = p.account_id`;

/** Postings of entries the journal alone classifies (not gifts, payments or their reversals). */
export const JOURNAL_CATEGORIES = (postings: string) => `
  SELECT p.fund_id, p.value_date AS day,
         CASE coalesce(o.kind, e.kind)
           WHEN 'opening_balance' THEN 'opening'
           WHEN 'transfer' THEN
             CASE WHEN (p.amount > 0) = (e.kind <> 'reversal') THEN 'transfer_in' ELSE 'transfer_out' END
           WHEN 'reservation' THEN 'reservation'
           WHEN 'release' THEN 'reservation'
           ELSE 'other' END AS category,
         CASE WHEN coalesce(o.kind, e.kind) = 'transfer' THEN
           coalesce((SELECT q.unit_id FROM postings q
                      WHERE q.entry_id = p.entry_id AND q.fund_id IS NOT NULL AND q.fund_id <> p.fund_id
                      LIMIT 1), p.unit_id)
         ELSE p.unit_id END AS counterpart_unit_id,
         p.amount,
         CASE WHEN a.kind = 'fund_reserved' THEN p.amount ELSE 0 END AS reserved
    FROM ${postings} p
    JOIN journal_entries e ON e.id = p.entry_id
    LEFT JOIN journal_entries o ON o.id = e.reverses_entry_id
    JOIN ledger_accounts a ON a.id = p.account_id
   WHERE p.fund_id IS NOT NULL AND coalesce(o.kind, e.kind) NOT IN ('donation', 'disbursement')`;

export const DONATIONS = (donations: string) => `
  SELECT d.entry_id, 'raised:' || dn.kind AS category
    FROM ${donations} d JOIN donors dn ON dn.id = d.donor_id`;

export const VOIDS = (voids: string) => `
  SELECT v.entry_id, 'voided:' || dn.kind AS category
    FROM ${voids} v JOIN donations d ON d.id = v.donation_id JOIN donors dn ON dn.id = d.donor_id`;

export const PAYMENTS = (payments: string) => `
  SELECT ap.entry_id, 'paid:' || c.recipient_type AS category
    FROM ${payments} ap JOIN awards a ON a.id = ap.award_id JOIN award_categories c ON c.id = a.category_id`;

export const RETURNS = (returns: string) => `
  SELECT r.entry_id, 'returned:' || c.recipient_type AS category
    FROM ${returns} r JOIN award_payments ap ON ap.id = r.payment_id
    JOIN awards a ON a.id = ap.award_id JOIN award_categories c ON c.id = a.category_id`;

export const TRIGGERS: { table: string; fn: string; rows: string; select: string }[] = [
  {
    table: 'postings',
    fn: 'postings_add_to_fund_day_totals',
    rows: 'new_postings',
    select: JOURNAL_CATEGORIES('new_postings'),
  },
  {
    table: 'donations',
    fn: 'donations_add_to_fund_day_totals',
    rows: 'new_donations',
    select: FUND_POSTINGS_OF(DONATIONS('new_donations')),
  },
  {
    table: 'donation_voids',
    fn: 'donation_voids_add_to_fund_day_totals',
    rows: 'new_voids',
    select: FUND_POSTINGS_OF(VOIDS('new_voids')),
  },
  {
    table: 'award_payments',
    fn: 'award_payments_add_to_fund_day_totals',
    rows: 'new_payments',
    select: FUND_POSTINGS_OF(PAYMENTS('new_payments')),
  },
  {
    table: 'award_payment_returns',
    fn: 'award_payment_returns_add_to_fund_day_totals',
    rows: 'new_returns',
    select: FUND_POSTINGS_OF(RETURNS('new_returns')),
  },
];
