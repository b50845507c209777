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
};
