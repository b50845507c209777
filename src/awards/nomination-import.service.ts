import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import ExcelJS from 'exceljs';
import { AppError, CommonError, CommonErrorCode } from '../common/errors.js';
import { ImportFileError, parseDay, readRows } from '../common/spreadsheet-rows.js';
import { cleanText, searchKey } from '../common/text.js';
import { toFieldErrors } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Actor } from '../identity/access/actor.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';
import { NominationDto } from './dto/award.dto.js';
import { ACHIEVEMENT_LABEL, HOUSEHOLD_LABEL, STUDY_LEVEL_LABEL } from './eligibility.js';

/** The template's columns: heading, the DTO field it fills, how a cell becomes a value. */
const COLUMNS: { header: string; field: keyof NominationDto; required?: boolean }[] = [
  { header: 'Họ và tên', field: 'fullName', required: true },
  { header: 'Ngày sinh', field: 'birthDate', required: true },
  { header: 'Giới tính', field: 'gender', required: true },
  { header: 'Hạng mục', field: 'categoryId', required: true },
  { header: 'Trường', field: 'school' },
  { header: 'Lớp', field: 'className' },
  { header: 'Nơi làm việc', field: 'workplace' },
  { header: 'Người giám hộ', field: 'guardianName' },
  { header: 'Hoàn cảnh gia đình', field: 'householdStatus' },
  { header: 'Bậc học', field: 'studyLevel' },
  { header: 'Điểm trung bình', field: 'gradeAverage' },
  { header: 'Thành tích', field: 'achievementLevel' },
  { header: 'Số định danh', field: 'nationalId' },
  { header: 'Lý do đề cử', field: 'reason' },
  { header: 'Giám hộ đồng ý công bố tên', field: 'consentGuardian' },
  { header: 'Trẻ đồng ý công bố tên', field: 'consentChild' },
];

const byLabel = (labels: Record<string, string>) =>
  new Map(Object.entries(labels).map(([value, label]) => [searchKey(label), value]));
const HOUSEHOLD = byLabel({ ...HOUSEHOLD_LABEL, other: 'khác' });
const STUDY = byLabel(STUDY_LEVEL_LABEL);
const ACHIEVEMENT = byLabel(ACHIEVEMENT_LABEL);
const GENDER = new Map([
  ['nam', 'male'],
  ['nu', 'female'],
]);
const YES = new Set(['co', 'x', 'dong y', 'true']);

export interface NominationImportProblem {
  row: number;
  column: string | null;
  message: string;
}

export interface NominationImportReport {
  rows: number;
  problems: NominationImportProblem[];
  committed: boolean;
  nominationIds: string[];
}

class CheckOnly extends Error {}

/**
 * Nominations from a spreadsheet (the template's columns), for one nominating unit: every row is
 * checked exactly as a single nomination is, in one transaction; `commit` keeps them all, or none
 * if any row has a problem. Without `commit` the same checks run and nothing is kept (the report).
 */
@Injectable()
export class NominationImportService {
  constructor(
    private readonly awards: AwardsRepository,
    private readonly service: AwardsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async template(roundId: string): Promise<Buffer> {
    const categories = await this.awards.categories(roundId);
    const workbook = new ExcelJS.Workbook();
    workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 1));
    const sheet = workbook.addWorksheet('Đề cử');
    sheet.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
    sheet.addRow([
      'Nguyễn Văn An',
      '15/03/2012',
      'Nam',
      categories[0]?.name ?? '',
      'Trường THCS Vũ Thư',
      '8A',
      '',
      'Nguyễn Văn Bình',
      'Hộ nghèo',
      'Trung học cơ sở',
      8.5,
      'Cấp tỉnh',
      '',
      'Vượt khó, học giỏi',
      'Có',
      'Có',
    ]);
    sheet.columns.forEach((c) => (c.width = 20));
    const help = workbook.addWorksheet('Hướng dẫn');
    for (const line of [
      'Mỗi dòng một hồ sơ; giữ nguyên dòng tiêu đề.',
      `Hạng mục: ${categories.map((c) => c.name).join('; ')}.`,
      'Ngày sinh: ngày/tháng/năm. Giới tính: Nam hoặc Nữ.',
      'Hoàn cảnh: Hộ nghèo, Hộ cận nghèo hoặc Khác.',
      `Bậc học: ${Object.values(STUDY_LEVEL_LABEL).join(', ')}.`,
      `Thành tích: ${Object.values(ACHIEVEMENT_LABEL).join(', ')}.`,
      'Người chưa thành niên: ghi người giám hộ; tên chỉ được công bố khi giám hộ (và trẻ từ 7 tuổi) đồng ý: ghi "Có".',
      'Tải lên để kiểm tra trước; chưa ghi gì cho đến khi bạn xác nhận (commit=true).',
    ])
      help.addRow([line]);
    help.getColumn(1).width = 110;
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async import(
    actor: Actor,
    roundId: string,
    file: Express.Multer.File | undefined,
    commit: boolean,
  ): Promise<NominationImportReport> {
    if (!file)
      throw new CommonError(CommonErrorCode.FileInvalid, [
        { field: 'file', message: 'bắt buộc (.xlsx hoặc .csv)' },
      ]);
    const roundPath = actor.located.get('id')!.path;
    const unitId = actor.located.get('unitId')!.unitId;
    const unitPath = actor.located.get('unitId')!.path;
    const rows = await this.read(file.buffer, roundId, unitId);
    const problems = [...rows.problems];
    const ids: string[] = [];
    try {
      await this.awards.transaction(async (manager) => {
        const round = await this.service.openForNominations(manager, roundId);
        for (const { row, dto } of rows.valid) {
          // Each row as a single nomination would be; a repeat from the same unit is a mistake.
          try {
            if (await this.awards.nominatedByUnit(manager, round.id, unitId, dto))
              throw new CommonError(CommonErrorCode.Conflict, [
                { field: 'fullName', message: 'đơn vị đã đề cử người này trong đợt xét' },
              ]);
            ids.push(await this.service.addNomination(manager, actor, round, roundPath, unitPath, dto));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            for (const f of error.fields.length ? error.fields : [{ field: null, message: error.message }])
              problems.push({ row, column: headerOf(f.field), message: f.message });
          }
        }
        if (problems.length || !commit) throw new CheckOnly();
      });
    } catch (error) {
      if (!(error instanceof CheckOnly)) throw error;
    }
    const committed = commit && problems.length === 0;
    return {
      rows: rows.count,
      problems: problems.sort((a, b) => a.row - b.row).slice(0, 1000),
      committed,
      nominationIds: committed ? ids : [],
    };
  }

  /** Every data row turned into a NominationDto and validated like a request body. */
  private async read(buffer: Buffer, roundId: string, unitId: string) {
    const categories = new Map((await this.awards.categories(roundId)).map((c) => [searchKey(c.name), c.id]));
    const problems: NominationImportProblem[] = [];
    const valid: { row: number; dto: NominationDto }[] = [];
    let columns: Map<number, (typeof COLUMNS)[number]> | null = null;
    let count = 0;
    try {
      for await (const { number, cells } of readRows(buffer, this.config.imports)) {
        if (!columns) {
          columns = new Map();
          cells.forEach((cell, i) => {
            const column = COLUMNS.find((c) => searchKey(c.header) === searchKey(String(cell ?? '')));
            if (column) columns!.set(i, column);
          });
          const found = new Set([...columns.values()].map((c) => c.field));
          for (const c of COLUMNS.filter((c) => c.required && !found.has(c.field)))
            problems.push({ row: number, column: c.header, message: `thiếu cột "${c.header}"` });
          if (problems.length) break;
          continue;
        }
        count++;
        const plain: Record<string, unknown> = { unitId, consentGuardian: false, consentChild: false };
        const rowProblems: NominationImportProblem[] = [];
        columns.forEach((column, i) => {
          const raw = cells[i];
          if (raw === null || raw === undefined || String(raw).trim() === '') return;
          const value = cellValue(column.field, raw, categories);
          if (value === undefined)
            rowProblems.push({ row: number, column: column.header, message: `không hiểu "${String(raw)}"` });
          else plain[column.field] = value;
        });
        const dto = plainToInstance(NominationDto, plain);
        const errors = await validate(dto, {
          whitelist: true,
          forbidNonWhitelisted: true,
          stopAtFirstError: true,
        });
        for (const f of toFieldErrors(errors))
          if (!rowProblems.some((p) => p.column === headerOf(f.field)))
            rowProblems.push({ row: number, column: headerOf(f.field), message: f.message });
        if (rowProblems.length) problems.push(...rowProblems);
        else valid.push({ row: number, dto });
      }
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new CommonError(CommonErrorCode.FileInvalid, [{ field: 'file', message: error.message }]);
      throw error;
    }
    if (!columns) problems.push({ row: 0, column: null, message: 'tệp không có dữ liệu' });
    else if (count === 0 && !problems.length)
      problems.push({ row: 0, column: null, message: 'tệp không có dòng nào' });
    return { problems, valid, count };
  }
}

function headerOf(field: string | null): string | null {
  return COLUMNS.find((c) => c.field === field)?.header ?? field;
}

/** A cell as the DTO wants it; undefined when it cannot be read. */
function cellValue(field: keyof NominationDto, raw: unknown, categories: Map<string, string>): unknown {
  const text = typeof raw === 'string' ? cleanText(raw) : raw;
  const key = searchKey(String(text));
  switch (field) {
    case 'birthDate':
      return parseDay(raw) ?? undefined;
    case 'gender':
      return GENDER.get(key);
    case 'categoryId':
      return categories.get(key);
    case 'householdStatus':
      return HOUSEHOLD.get(key) ?? HOUSEHOLD.get(`ho ${key}`);
    case 'studyLevel':
      return STUDY.get(key);
    case 'achievementLevel':
      return ACHIEVEMENT.get(key) ?? ACHIEVEMENT.get(`cap ${key}`);
    case 'gradeAverage':
      if (typeof raw === 'number') return raw;
      return /^\d{1,2}([.,]\d{1,2})?$/.test(String(text))
        ? Number(String(text).replace(',', '.'))
        : undefined;
    case 'nationalId':
    case 'className':
      return String(text);
    case 'consentGuardian':
    case 'consentChild':
      return YES.has(key) ? true : ['khong', ''].includes(key) ? false : undefined;
    default:
      return typeof text === 'string' ? text : String(text);
  }
}
