import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TargetSource } from './target-source.js';

export const BASES = ['raised', 'balance'] as const;
export type Basis = (typeof BASES)[number];

/** One unit's figure: numerator ÷ population against its target. */
export class PerCapitaLine {
  @ApiProperty() unitId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Population used as the denominator' })
  population: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: "The population's year (an earlier one when this year has none)",
  })
  populationYear: number | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The population figure's citation (resolution or statistics release and its date)",
  })
  populationSource: string | null;
  @ApiProperty({ description: "true: the population is an earlier year's (none for this year yet)" })
  populationEstimated: boolean;
  @ApiProperty({
    description: 'Numerator, in đồng: cash and in-kind gifts at their value (see `definition`)',
    example: 4050000,
  })
  numerator: number;
  @ApiProperty({ description: 'Of the numerator: cash (cash and bank transfers)', example: 1000000 })
  numeratorCash: number;
  @ApiProperty({
    description: 'Of the numerator: in-kind gifts at their value (raised), or goods still held (balance)',
    example: 3050000,
  })
  numeratorInKind: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'đồng per inhabitant, rounded down' })
  perCapita: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      "The target that applies (the unit's own, its level's, or the nearest ancestor's), đồng per inhabitant",
  })
  target: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) targetYear: number | null;
  @ApiPropertyOptional({ type: TargetSource, nullable: true, description: 'Where the target comes from' })
  targetSource: TargetSource | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Percent of the target, one decimal',
  })
  percentOfTarget: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "Last year's per-capita figure" })
  previousPerCapita: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Change from last year, đồng per inhabitant',
  })
  change: number | null;
}

export class PerCapitaChild extends PerCapitaLine {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Rank among siblings' })
  rank: number | null;
}

export class PerCapitaReport extends PerCapitaLine {
  @ApiProperty() year: number;
  @ApiProperty({ enum: BASES }) basis: Basis;
  @ApiProperty({ description: 'How it is computed, to print beside the figure' }) definition: string;
  @ApiProperty({
    example: { min: 32000, max: 35000 },
    description: 'The national per-capita level (for reference)',
  })
  nationalReference: { min: number; max: number };
  @ApiProperty({ type: [PerCapitaChild] }) children: PerCapitaChild[];
  @ApiProperty({ description: "The unit's own funds (not its children's)" }) ownFunds: number;
  @ApiProperty({
    description: 'Of units in the subtree that were no longer its children that year (dissolved, merged)',
  })
  otherUnits: number;
  @ApiProperty({ type: [Object], description: 'Children without a population' })
  missingPopulation: { unitId: string; code: string; name: string }[];
}
