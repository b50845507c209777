/** Roles a user holds at a unit; each applies to that unit and its whole subtree. */
export const ROLE_NAMES = ['admin', 'treasurer', 'committee', 'viewer'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
