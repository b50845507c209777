import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Unit } from './unit.entity.js';

/** The population of a unit in a year, with where the figure came from (sources disagree). */
@Entity('unit_populations')
@Check('ck_unit_populations_positive', `population > 0`)
@Check('ck_unit_populations_year', `year BETWEEN 1900 AND 2200`)
export class UnitPopulation {
  @PrimaryColumn('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_unit_populations_unit' })
  unit?: Unit;

  @PrimaryColumn('smallint')
  year: number;

  @Column('integer')
  population: number;

  /** A citation people can check: the resolution or statistics release and its date. */
  @Column('text')
  source: string;

  /** E.g. another source's figure for the same year. */
  @Column('text', { nullable: true })
  note: string | null;

  /**
   * Where a bundled reference figure was found (files, web pages, remarks), for developers: never
   * shown to users. Null for figures people entered.
   */
  @Column('text', { nullable: true })
  provenance: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
