import { randomUUID } from 'node:crypto';
import { Body, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EXPORT_CONTENT_TYPE } from '../common/csv-export.js';
import type { AppError } from '../common/errors.js';
import { todayInVietnam } from '../common/dates.js';
import { uuidPipe } from '../common/http/params.js';
import { DonationsService } from '../donations/donations.service.js';
import { ListDonationsQuery, RecordDonationDto, VoidDonationDto } from '../donations/dto/donation.dto.js';
import { ListDonorsQuery } from '../donations/dto/donor.dto.js';
import { DONATION_METHODS } from '../donations/entities/donation.entity.js';
import { DONOR_KINDS } from '../donations/entities/donor.entity.js';
import { CurrentActor, inPath, inQuery, inBody } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { idempotentRequest } from '../ledger/idempotency.js';
import {
  dayText,
  emptyForm,
  formErrors,
  optional,
  parseAmount,
  parseDay,
  typed,
  validateAs,
} from './forms.js';
import type { FormState } from './forms.js';
import { Page, Pages } from './page.decorator.js';
import { FundChoices } from './fund-choices.js';
import { FORMAT } from './format.js';
import { Views } from './views.js';

const FIELDS = [
  'fundId',
  'donorId',
  'donorKind',
  'donorName',
  'donorPhone',
  'donorAddress',
  'donorTaxCode',
  'method',
  'amount',
  'inKindDescription',
  'receivedOn',
  'reference',
  'purpose',
  'note',
  'paperBook',
  'paperNumber',
  'idempotencyKey',
] as const;

/** The API's field names as the form calls them, for errors beside the right box. */
const FORM_NAME: Record<string, string> = {
  'donor.kind': 'donorKind',
  'donor.name': 'donorName',
  'donor.phone': 'donorPhone',
  'donor.address': 'donorAddress',
  'donor.taxCode': 'donorTaxCode',
  donor: 'donorName',
  paperReceipt: 'paperNumber',
  'paperReceipt.book': 'paperBook',
  'paperReceipt.number': 'paperNumber',
  'Idempotency-Key': 'amount',
};

const FILTERS = ['fundId', 'from', 'to', 'method', 'status', 'q', 'page'] as const;

/**
 * Donations for treasurers: the form made for speed (a ceremony's twenty gifts in minutes), the
 * list with its filters, totals and exports, a donation's page with its receipt and its void.
 * The same service calls, rules and access as the API's routes.
 */
@Pages()
export class DonationPages {
  constructor(
    private readonly donations: DonationsService,
    private readonly choices: FundChoices,
    private readonly views: Views,
  ) {}

  @Get('thu/moi')
  @Page(Action.DonationsRecord, inQuery('fundId', 'fund'))
  async form(
    @CurrentActor() actor: Actor,
    @Query('fundId') fundId: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const form = emptyForm({
      fundId: typeof fundId === 'string' ? fundId : '',
      donorKind: 'person',
      method: 'cash',
      receivedOn: dayText(todayInVietnam()),
      idempotencyKey: randomUUID(),
    });
    await this.renderForm(actor, req, res, form);
  }

  @Post('thu/moi')
  @Page(Action.DonationsRecord, inBody('fundId', 'fund'), inBody('donorId', 'donor'))
  async record(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(body, FIELDS);
    try {
      const dto = await validateAs(RecordDonationDto, this.dtoOf(values));
      const idem = idempotentRequest(req, values.idempotencyKey, 'idempotencyKey');
      const outcome = await this.donations.record(actor, idem, dto);
      res.redirect(303, `/thu/${outcome.body.id}?moi=1`);
    } catch (error) {
      const form = formErrors(error, values, FORM_NAME);
      // As people write them: say so in those words rather than the API's rule.
      if (form.errors.amount && values.amount.trim() && parseAmount(values.amount) === null)
        form.errors.amount = 'Nhập số tiền bằng chữ số, ví dụ 1.250.000';
      if (form.errors.receivedOn && values.receivedOn.trim() && parseDay(values.receivedOn) === null)
        form.errors.receivedOn = 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 25/11/2026';
      await this.renderForm(actor, req, res, form, (error as AppError).status);
    }
  }

  /** The amount typed so far, in words, under the amount box (htmx). */
  @Get('so-tien-bang-chu')
  @Page(Action.Self)
  words(@Query('amount') amount: unknown, @Res() res: Response) {
    const value = typeof amount === 'string' ? parseAmount(amount) : null;
    this.views.fragment(res, 'partials/amount-words', {
      amount: value,
      typed: typeof amount === 'string' && amount.trim() !== '',
    });
  }

  /** Donors whose name matches what is typed, accents or not (htmx), to choose one or a new one. */
  @Get('nguoi-ung-ho/goi-y')
  @Page(Action.DonationsRead)
  async suggest(@CurrentActor() actor: Actor, @Query('donorName') name: unknown, @Res() res: Response) {
    const q = typeof name === 'string' ? name.trim().slice(0, 100) : '';
    this.views.fragment(res, 'partials/donor-choices', {
      donors: await this.donorsLike(actor, q),
      q,
      chosen: '',
    });
  }

  @Get('thu')
  @Page(Action.DonationsRead, inQuery('fundId', 'fund'))
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(query, FILTERS);
    let filter: ListDonationsQuery;
    let form: FormState = emptyForm(values);
    try {
      filter = await validateAs(ListDonationsQuery, this.filterOf(values));
    } catch (error) {
      form = formErrors(error, values, { from: 'from', to: 'to' });
      filter = await validateAs(ListDonationsQuery, {});
    }
    const [page, funds] = await Promise.all([
      this.donations.list(actor, filter),
      this.choices.funds(actor, Action.DonationsRead),
    ]);
    this.views.render(
      req,
      res,
      'donations',
      {
        title: 'Khoản thu',
        page,
        funds,
        form,
        methods: DONATION_METHODS,
        exportQuery: this.filterOf(values),
      },
      form.message ? 400 : 200,
    );
  }

  /** The list's rows as a CSV or XLSX file (the API's export, audited the same way). */
  @Get('thu/xuat.:format')
  @Page(Action.DonationsRead, inQuery('fundId', 'fund'))
  async export(
    @CurrentActor() actor: Actor,
    @Param('format') format: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const kind = format === 'xlsx' ? 'xlsx' : 'csv';
    const filter = await validateAs(ListDonationsQuery, this.filterOf(typed(query, FILTERS)));
    res.setHeader('Content-Disposition', `attachment; filename="khoan-thu.${kind}"`);
    return new StreamableFile(await this.donations.export(actor, filter, kind), {
      type: EXPORT_CONTENT_TYPE[kind],
    });
  }

  @Get('thu/:id')
  @Page(Action.DonationsRead, inPath('id', 'donation'))
  async show(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Query('moi') fresh: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const donation = await this.donations.get(id);
    this.views.render(req, res, 'donation', {
      title: `Phiếu thu số ${FORMAT.receiptNo(donation.receipt)}`,
      donation,
      fresh: fresh === '1',
      canRecord: actor.allows(Action.DonationsRecord, actor.located.get('id')!.path),
      voidForm: emptyForm({ reason: '', idempotencyKey: randomUUID() }),
    });
  }

  /** The receipt's panel: its buttons once the PDF is made, else "being made" (htmx asks again). */
  @Get('thu/:id/phieu-thu')
  @Page(Action.DonationsRead, inPath('id', 'donation'))
  async receiptPanel(@Param('id', uuidPipe('id')) id: string, @Res() res: Response) {
    this.views.fragment(res, 'partials/receipt-panel', { donation: await this.donations.get(id) });
  }

  @Get('thu/:id/phieu-thu.pdf')
  @Page(Action.DonationsRead, inPath('id', 'donation'))
  async receipt(
    @Param('id', uuidPipe('id')) id: string,
    @Query('copy') copy: unknown,
    @Query('download') download: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | void> {
    const receipt = await this.donations.receipt(id, copy === '1');
    if (receipt === 'pending') {
      res.redirect(303, `/thu/${id}`);
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(receipt.pdf, {
      type: 'application/pdf',
      disposition: `${download === '1' ? 'attachment' : 'inline'}; filename="${receipt.name}"`,
    });
  }

  @Post('thu/:id/huy')
  @Page(Action.DonationsRecord, inPath('id', 'donation'))
  async void(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(body, ['reason', 'confirm', 'idempotencyKey']);
    try {
      const dto = await validateAs(VoidDonationDto, { reason: values.reason });
      if (values.confirm !== 'yes') {
        const form: FormState = {
          values,
          errors: { confirm: 'Hãy đánh dấu ô xác nhận hủy' },
          message: 'Hãy sửa các ô được đánh dấu bên dưới.',
        };
        return this.renderVoidError(id, req, res, form, 400);
      }
      await this.donations.voidDonation(
        actor,
        idempotentRequest(req, values.idempotencyKey, 'idempotencyKey'),
        id,
        dto,
      );
      res.redirect(303, `/thu/${id}`);
    } catch (error) {
      await this.renderVoidError(id, req, res, formErrors(error, values), (error as AppError).status);
    }
  }

  private async renderVoidError(
    id: string,
    req: Request,
    res: Response,
    voidForm: FormState,
    status: number,
  ) {
    const donation = await this.donations.get(id);
    this.views.render(
      req,
      res,
      'donation',
      {
        title: `Phiếu thu số ${FORMAT.receiptNo(donation.receipt)}`,
        donation,
        fresh: false,
        canRecord: true,
        voidForm,
      },
      status,
    );
  }

  private async renderForm(actor: Actor, req: Request, res: Response, form: FormState, status = 200) {
    const [funds, donors] = await Promise.all([
      this.choices.funds(actor, Action.DonationsRecord),
      this.donorsLike(actor, form.values.donorName ?? ''),
    ]);
    if (!form.values.fundId && funds.length === 1) form.values.fundId = funds[0].id;
    this.views.render(
      req,
      res,
      'donation-new',
      { title: 'Ghi khoản thu', form, funds, donors, methods: DONATION_METHODS, donorKinds: DONOR_KINDS },
      status,
    );
  }

  /** Donors of the user's units whose name contains what was typed, accents or not. */
  private async donorsLike(actor: Actor, typedName: string) {
    const q = typedName.trim().slice(0, 100);
    if (q.length < 2) return [];
    const query = await validateAs(ListDonorsQuery, { q, pageSize: 8 });
    return (await this.donations.listDonors(actor, query)).items;
  }

  /** The API's body from the form: the amount and day as people write them, the donor inline. */
  private dtoOf(v: Record<string, string>): Record<string, unknown> {
    const anonymous = v.donorKind === 'anonymous';
    return {
      fundId: v.fundId,
      ...(v.donorId
        ? { donorId: v.donorId }
        : {
            donor: anonymous
              ? { kind: 'anonymous' }
              : {
                  kind: v.donorKind,
                  name: optional(v.donorName) ?? undefined,
                  phone: optional(v.donorPhone),
                  address: optional(v.donorAddress),
                  taxCode: optional(v.donorTaxCode),
                },
          }),
      method: v.method,
      amount: parseAmount(v.amount) ?? (v.amount.trim() ? v.amount : undefined),
      inKindDescription: v.method === 'in_kind' ? (optional(v.inKindDescription) ?? undefined) : null,
      receivedOn: parseDay(v.receivedOn) ?? (v.receivedOn.trim() ? v.receivedOn : undefined),
      reference: optional(v.reference),
      purpose: optional(v.purpose),
      note: optional(v.note),
      // A paper receipt already handed out, typed in afterwards: it keeps its own book and number.
      paperReceipt:
        v.paperBook.trim() || v.paperNumber.trim()
          ? {
              book: v.paperBook.trim() || undefined,
              number: /^\d+$/.test(v.paperNumber.trim())
                ? Number(v.paperNumber.trim())
                : v.paperNumber.trim() || undefined,
            }
          : null,
    };
  }

  private filterOf(v: Record<string, string>): Record<string, unknown> {
    return {
      fundId: optional(v.fundId) ?? undefined,
      from: v.from ? (parseDay(v.from) ?? v.from) : undefined,
      to: v.to ? (parseDay(v.to) ?? v.to) : undefined,
      method: optional(v.method) ?? undefined,
      status: optional(v.status) ?? undefined,
      q: optional(v.q) ?? undefined,
      page: optional(v.page) ?? undefined,
      pageSize: 50,
    };
  }
}
