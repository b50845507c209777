export const UNIT_KINDS = ['national', 'province', 'district', 'commune', 'branch'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What a branch (chi hội / ban khuyến học) is attached to. */
export const BRANCH_KINDS = ['village', 'school', 'agency', 'enterprise', 'clan', 'other'] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];

/** The kinds a unit of each kind may sit under. The national root is seeded, never created. */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  national: [],
  province: ['national'],
  district: ['province'],
  // Since 1 July 2025 communes sit directly under the province.
  commune: ['district', 'province'],
  branch: ['province', 'district', 'commune', 'branch'],
};
