import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Which bundled reference data sets have been loaded, so start-up loads each once. */
@Entity('reference_data_loads')
export class ReferenceDataLoad {
  @PrimaryColumn('varchar', { length: 64 })
  name: string;

  @Column('integer')
  units: number;

  @CreateDateColumn({ type: 'timestamptz' })
  loadedAt: Date;
}
