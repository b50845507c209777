import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DonationImport } from './donation-import.entity.js';

/** One validated row of an import, kept between the report and the commit. */
@Entity('donation_import_rows')
export class DonationImportRow {
  @PrimaryColumn('uuid')
  importId: string;

  @ManyToOne(() => DonationImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_donation_import_rows_import' })
  import?: DonationImport;

  /** The row's number in the file (1 = the header). */
  @PrimaryColumn('integer')
  rowNumber: number;

  @Column('jsonb')
  data: Record<string, unknown>;
}
