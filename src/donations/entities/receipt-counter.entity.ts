import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../../units/entities/unit.entity.js';

/**
 * The last receipt number of a unit in a year. Taken by `UPDATE … RETURNING` in the donation's
 * transaction: the row stays locked until commit and a rollback gives the number back, so
 * numbers are continuous (a sequence would skip on rollback).
 */
@Entity('receipt_counters')
export class ReceiptCounter {
  @PrimaryColumn('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_receipt_counters_unit' })
  unit?: Unit;

  @PrimaryColumn('smallint')
  year: number;

  @Column('integer')
  lastNumber: number;
}
