import { MigrationInterface, QueryRunner } from 'typeorm';

const NQ202 = `'Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh'`;
const WIKI = `'Wikipedia tiếng Anh, bài “Provinces of Vietnam” (chưa rõ đợt công bố thống kê gốc)'`;

/**
 * The bundled population figures' citations as of this migration (what
 * src/units/reference-data/population_citations.csv gives a new database): unit code, year.
 */
const CITATIONS = `
  ('01', 2025, ${WIKI}),
  ('04', 2025, ${WIKI}),
  ('08', 2025, ${NQ202}),
  ('11', 2025, ${WIKI}),
  ('12', 2025, ${WIKI}),
  ('14', 2025, ${WIKI}),
  ('15', 2025, ${NQ202}),
  ('19', 2025, ${NQ202}),
  ('20', 2025, ${WIKI}),
  ('22', 2025, ${WIKI}),
  ('24', 2025, ${NQ202}),
  ('25', 2025, ${NQ202}),
  ('31', 2025, ${NQ202}),
  ('33', 2025, ${NQ202}),
  ('37', 2025, ${NQ202}),
  ('38', 2025, ${WIKI}),
  ('40', 2025, ${WIKI}),
  ('42', 2025, ${WIKI}),
  ('44', 2025, ${NQ202}),
  ('46', 2025, ${WIKI}),
  ('48', 2025, ${NQ202}),
  ('51', 2025, ${NQ202}),
  ('52', 2025, ${NQ202}),
  ('56', 2025, ${NQ202}),
  ('66', 2025, ${NQ202}),
  ('68', 2025, ${NQ202}),
  ('75', 2025, ${NQ202}),
  ('79', 2025, ${NQ202}),
  ('80', 2025, ${NQ202}),
  ('82', 2025, ${NQ202}),
  ('86', 2025, ${NQ202}),
  ('91', 2025, ${NQ202}),
  ('92', 2025, ${NQ202}),
  ('96', 2025, ${NQ202}),
  ('13225', 2025, 'Wikipedia tiếng Việt, bài “Thái Bình (phường)”; phường lập theo Nghị quyết 1666/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội'),
  ('34', 2019, 'Tổng điều tra dân số và nhà ở năm 2019 (thời điểm 1/4/2019), theo Wikipedia tiếng Việt'),
  ('336', 2019, 'Wikipedia tiếng Anh, bài “Thái Bình” (số liệu năm 2019)'),
  ('338', 2009, 'Wikipedia tiếng Việt, bài “Quỳnh Phụ” (số liệu năm 2009)'),
  ('339', 2009, 'Trang nguoikesu.com, bài “Huyện Hưng Hà” (số liệu năm 2009, theo Wikipedia tiếng Việt)'),
  ('340', 2007, 'Wikipedia tiếng Việt, bài “Đông Hưng” (số liệu năm 2007)'),
  ('341', 2009, 'Wikipedia tiếng Việt, bài “Thái Thụy” (số liệu năm 2009)'),
  ('343', 2009, 'Wikipedia tiếng Việt, bài “Kiến Xương” (số liệu năm 2009)'),
  ('344', 2009, 'Wikipedia tiếng Việt, bài “Vũ Thư” (số liệu năm 2009)')`;

/** A note that was the year's qualifier (e.g. "infobox; body text says 2007"), not another source. */
const QUALIFIER = `note NOT LIKE 'Nguồn khác: %'`;

/**
 * Populations shown with a citation people can check (the resolution or statistics release and
 * its date), instead of the development notes and web addresses the reference data was found
 * with: those move to `provenance`, which no page, export or API answer shows. Only reference
 * rows still as the loader wrote them change (their source a web address or a note in English);
 * figures people entered since are left alone.
 */
export class PopulationCitations1795700000030 implements MigrationInterface {
  name = 'PopulationCitations1795700000030';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit_populations" ADD "provenance" text`);
    await queryRunner.query(
      `UPDATE unit_populations p
          SET provenance = concat_ws(' — ', p.source, CASE WHEN p.${QUALIFIER} THEN p.note END),
              source = c.citation,
              note = CASE WHEN p.note ~ '^Nguồn khác: \\d+ \\(sapnhap\\.bando\\.com\\.vn\\)$'
                THEN 'Nguồn khác: ' || replace(to_char(substring(p.note FROM '\\d+')::bigint, 'FM999,999,999,999'), ',', '.')
                     || ' người (sapnhap.bando.com.vn)' END
         FROM units u, (VALUES ${CITATIONS}) AS c(code, year, citation)
        WHERE u.id = p.unit_id AND u.code = c.code AND p.year = c.year
          AND (p.source ~ '^https?://' OR p.source LIKE 'NQ 202/2025/QH15 figure%' OR p.source LIKE 'en.wikipedia %')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE unit_populations
          SET source = split_part(provenance, ' — ', 1),
              note = CASE
                WHEN note ~ '^Nguồn khác: [\\d.]+ người \\(sapnhap\\.bando\\.com\\.vn\\)$'
                  THEN 'Nguồn khác: ' || replace(substring(note FROM '[\\d.]+'), '.', '') || ' (sapnhap.bando.com.vn)'
                WHEN position(' — ' IN provenance) > 0 THEN substr(provenance, position(' — ' IN provenance) + 3)
                ELSE note END
        WHERE provenance IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "unit_populations" DROP COLUMN "provenance"`);
  }
}
