import { ROLE_NAMES, RoleName } from '../roles.js';

/**
 * Everything a route can do, as the guard sees it. A later module adds its actions here and
 * says which roles allow them; the route-walking test then covers its routes by itself.
 */
export enum Action {
  /** Any signed-in user, about themselves. */
  Self = 'self',
  UnitsRead = 'units.read',
  UnitsManage = 'units.manage',
  UsersManage = 'users.manage',
  AuditRead = 'audit.read',
  FundsRead = 'funds.read',
  /** Open and close funds, opening balances, transfers, reversals. */
  FundsManage = 'funds.manage',
  DonationsRead = 'donations.read',
  /** Record and void donations, register donors, import spreadsheets. */
  DonationsRecord = 'donations.record',
  AwardsRead = 'awards.read',
  /** Open and run award rounds: categories, committee, transitions, the decision, revocations. */
  AwardsManage = 'awards.manage',
  /** Propose candidates to a round (from the round's unit or any unit below it). */
  AwardsNominate = 'awards.nominate',
  /** Vote on nominations or recuse, as a member of the round's committee. */
  AwardsReview = 'awards.review',
  /** Pay approved awards and record returned payments. */
  AwardsPay = 'awards.pay',
  /** Follow long work started at a unit (a round's certificates) and download its result. */
  JobsRead = 'jobs.read',
  /** Per-capita progress and fund reports of a unit and everything below it. */
  ReportsRead = 'reports.read',
}

const EVERY_ROLE = ROLE_NAMES;

/** Roles × actions: a role held at a unit allows these actions on that unit's whole subtree. */
export const PERMISSIONS: Record<Action, readonly RoleName[]> = {
  [Action.Self]: EVERY_ROLE,
  [Action.UnitsRead]: EVERY_ROLE,
  [Action.UnitsManage]: ['admin'],
  [Action.UsersManage]: ['admin'],
  [Action.AuditRead]: ['admin'],
  [Action.FundsRead]: EVERY_ROLE,
  [Action.FundsManage]: ['treasurer'],
  [Action.DonationsRead]: EVERY_ROLE,
  [Action.DonationsRecord]: ['treasurer'],
  [Action.AwardsRead]: EVERY_ROLE,
  [Action.AwardsManage]: ['committee'],
  [Action.AwardsNominate]: ['committee'],
  [Action.AwardsReview]: ['committee'],
  [Action.AwardsPay]: ['treasurer'],
  [Action.JobsRead]: EVERY_ROLE,
  [Action.ReportsRead]: EVERY_ROLE,
};
