import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Counts of the units currently valid under each unit, refreshed by a background job
 * (`units.refresh-stats`). Derived data: it can be dropped and rebuilt at any time.
 */
@Entity('unit_tree_stats')
export class UnitTreeStats {
  @PrimaryColumn('uuid')
  unitId: string;

  @Column('integer')
  descendants: number;

  @Column('integer')
  communes: number;

  @Column('integer')
  branches: number;

  @Column('timestamptz')
  refreshedAt: Date;
}
