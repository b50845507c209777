import { formatMoney, formatNumber, formatShortDate } from '../src/common/vi-format.js';
import SVGtoPDF from 'svg-to-pdfkit';
import {
  chairSignatures,
  drawRow,
  type Fonts,
  letterhead,
  newDocument,
  pageFooters,
  rowHeight,
} from './document.js';

/** One bar pair of the chart: money raised and paid out by a fund in the period (đồng). */
export interface ChartBar {
  label: string;
  raised: number;
  paid: number;
}

interface Heading {
  /** "Hội Khuyến học Xã Vũ Thư". */
  unitName: string;
  parentName: string | null;
  /** "Xã Vũ Thư và các đơn vị trực thuộc". */
  scope: string;
  place: string;
  /** The report's last day (the same figures give the same bytes). */
  dated: string;
}

/** Everything the fund summary prints; the PDF is a pure function of it. */
export interface FundSummaryDocumentView extends Heading {
  from: string;
  to: string;
  /** The subtree's total, line by line. */
  lines: { label: string; amount: number; strong?: boolean; indent?: boolean }[];
  funds: {
    name: string;
    unitName: string;
    opening: number;
    moneyIn: number;
    moneyOut: number;
    closing: number;
    /** Of `closing`: the value of in-kind gifts held (goods), not cash. */
    inKind: number;
  }[];
  identity: string;
  balanced: boolean;
  chart: ChartBar[];
}

/** Everything the yearly disclosure prints. */
export interface DisclosureDocumentView extends Heading {
  year: number;
  /** Per fund, the last one the total. */
  funds: {
    fundName: string;
    unitName: string;
    opening: number;
    received: number;
    used: number;
    closing: number;
  }[];
  donors: { label: string; amount: number }[];
  payments: {
    paidOn: string;
    category: string;
    recipient: string;
    unitName: string;
    amount: number;
    returned: boolean;
  }[];
  paymentsTotal: number;
  chart: ChartBar[];
  notes: string[];
}

/** Everything the per-capita report prints. */
export interface PerCapitaDocumentView extends Heading {
  year: number;
  /** "số tiền vận động được trong năm" or "số dư quỹ cuối năm". */
  basisLabel: string;
  definition: string;
  /** The unit's own line, then one per child. */
  lines: {
    name: string;
    population: number | null;
    estimated: boolean;
    numerator: number;
    perCapita: number | null;
    target: number | null;
    percent: number | null;
    rank: number | null;
    change: number | null;
  }[];
  target: number | null;
  nationalReference: { min: number; max: number };
  /** The dashboard's bar chart (SVG), in parts that each fit a page, on one scale. */
  charts: string[];
  notes: string[];
}

const MARGIN = 40;
const ROW = 18;
const GREY = '#777777';
const RAISED = '#2e86c1';
const PAID = '#e67e22';

const money = formatNumber;

/**
 * A4 portrait: the unit and the motto, "BÁO CÁO TỔNG HỢP QUỸ KHUYẾN HỌC", the period and scope,
 * the total line by line, the identity, one row per fund, and a bar chart of money raised and
 * paid out per fund (pdfkit vector shapes only).
 */
export function renderFundSummary(view: FundSummaryDocumentView, fonts: Fonts): PDFKit.PDFDocument {
  const doc = start(view, fonts, `Báo cáo tổng hợp quỹ khuyến học — ${view.scope}`);
  title(
    doc,
    'BÁO CÁO TỔNG HỢP QUỸ KHUYẾN HỌC',
    `(Từ ngày ${formatShortDate(view.from)} đến ngày ${formatShortDate(view.to)})`,
  );
  scopeLine(doc, view.scope);

  section(doc, 'I. Tổng hợp thu, chi (đơn vị: đồng)');
  const width = pageWidth(doc);
  for (const line of view.lines) {
    ensure(doc, ROW);
    const y = doc.y;
    doc.font(line.strong ? 'bold' : 'regular').fontSize(9.5);
    doc.text(line.label, MARGIN + (line.indent ? 18 : 4), y + 4, {
      width: width - 160,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(money(line.amount), MARGIN + width - 150, y + 4, {
      width: 146,
      align: 'right',
      lineBreak: false,
    });
    doc
      .moveTo(MARGIN, y + ROW)
      .lineTo(MARGIN + width, y + ROW)
      .lineWidth(0.4)
      .stroke('#bbbbbb');
    doc.y = y + ROW;
  }
  doc.moveDown(0.6);
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(view.balanced ? '#000000' : '#c0392b')
    .text(`Kiểm tra cân đối: ${view.identity}`, MARGIN, doc.y, { width });
  doc.fillColor('#000000');

  section(doc, 'II. Theo từng quỹ (đơn vị: đồng)');
  table(
    doc,
    ['Quỹ', 'Đơn vị', 'Đầu kỳ', 'Thu', 'Chi', 'Cuối kỳ', 'Trong đó hiện vật'],
    [110, 95, 62, 62, 62, 62, 62],
    view.funds.map((f) => [
      f.name,
      f.unitName,
      money(f.opening),
      money(f.moneyIn),
      money(f.moneyOut),
      money(f.closing),
      money(f.inKind),
    ]),
    'Không có quỹ nào trong phạm vi báo cáo.',
  );

  // The heading goes with its chart: never alone at the foot of a page.
  ensure(doc, CHART_HEIGHT + 4 * ROW);
  section(doc, 'III. Tiền ủng hộ và tiền chi trả theo quỹ');
  chart(doc, view.chart);
  signatures(doc, view);
  finish(doc, `Tổng hợp quỹ ${formatShortDate(view.from)}–${formatShortDate(view.to)} — ${view.scope}`);
  return doc;
}

/**
 * A4 portrait: "CÔNG KHAI THU, CHI QUỸ KHUYẾN HỌC NĂM …", per fund received and used, donors as
 * totals by kind, a chart, and the list of the year's award payments (names only where permitted).
 */
export function renderDisclosure(view: DisclosureDocumentView, fonts: Fonts): PDFKit.PDFDocument {
  const doc = start(view, fonts, `Công khai quỹ khuyến học năm ${view.year} — ${view.scope}`);
  title(
    doc,
    `CÔNG KHAI THU, CHI QUỸ KHUYẾN HỌC NĂM ${view.year}`,
    `(Từ ngày 01/01/${view.year} đến ngày 31/12/${view.year})`,
  );
  scopeLine(doc, view.scope);

  section(doc, 'I. Tiếp nhận và sử dụng theo quỹ (đơn vị: đồng)');
  table(
    doc,
    ['Quỹ', 'Đơn vị', 'Đầu năm', 'Tiếp nhận', 'Sử dụng', 'Cuối năm'],
    [125, 110, 70, 70, 70, 70],
    view.funds.map((f) => [
      f.fundName,
      f.unitName,
      money(f.opening),
      money(f.received),
      money(f.used),
      money(f.closing),
    ]),
    'Không có quỹ nào.',
  );

  section(doc, 'II. Tiền ủng hộ theo nhóm nhà hảo tâm (đơn vị: đồng)');
  table(
    doc,
    ['Nhóm nhà hảo tâm', 'Số tiền'],
    [385, 130],
    view.donors.map((d) => [d.label, money(d.amount)]),
    '',
  );

  // The heading goes with its chart: never alone at the foot of a page.
  ensure(doc, CHART_HEIGHT + 4 * ROW);
  section(doc, 'III. Tiền ủng hộ và tiền chi trả theo quỹ');
  chart(doc, view.chart);

  section(doc, 'IV. Danh sách chi học bổng, phần thưởng (đơn vị: đồng)');
  table(
    doc,
    ['STT', 'Ngày chi', 'Hạng mục', 'Người nhận', 'Đơn vị', 'Số tiền'],
    [30, 60, 130, 125, 100, 70],
    view.payments.map((p, i) => [
      String(i + 1),
      formatShortDate(p.paidOn),
      p.returned ? `${p.category} (đã trả lại)` : p.category,
      p.recipient,
      p.unitName,
      money(p.amount),
    ]),
    'Không có khoản chi nào trong năm.',
  );
  ensure(doc, ROW);
  doc
    .font('bold')
    .fontSize(10)
    .text(`Tổng cộng: ${formatMoney(view.paymentsTotal)}`, MARGIN, doc.y + 4, {
      width: pageWidth(doc),
      align: 'right',
    });

  doc.moveDown(0.6);
  for (const note of view.notes) {
    ensure(doc, 24);
    aside(doc, `• ${note}`);
  }
  signatures(doc, view);
  finish(doc, `Công khai năm ${view.year} — ${view.scope}`);
  return doc;
}

/**
 * A4 portrait: "BÁO CÁO BÌNH QUÂN QUỸ KHUYẾN HỌC TRÊN ĐẦU NGƯỜI", the definition beside the
 * figures, the unit's line, one row per child, and a bar per child against the target line and
 * the national reference band (pdfkit vector shapes only).
 */
export function renderPerCapita(view: PerCapitaDocumentView, fonts: Fonts): PDFKit.PDFDocument {
  const doc = start(view, fonts, `Bình quân quỹ khuyến học trên đầu người năm ${view.year} — ${view.scope}`);
  title(
    doc,
    'BÁO CÁO BÌNH QUÂN QUỸ KHUYẾN HỌC TRÊN ĐẦU NGƯỜI',
    `(Năm ${view.year}, tính theo ${view.basisLabel})`,
  );
  scopeLine(doc, view.scope);
  doc.moveDown(0.4);
  aside(doc, `Cách tính: ${view.definition}`);

  section(doc, 'I. Bình quân theo đơn vị (đơn vị tiền: đồng)');
  const dash = (n: number | null, f: (v: number) => string = money) => (n === null ? '—' : f(n));
  table(
    doc,
    ['Đơn vị', 'Dân số', 'Tử số', 'Bình quân', '% chỉ tiêu', 'Hạng', 'So năm trước'],
    [135, 60, 85, 60, 55, 35, 85],
    view.lines.map((l) => [
      l.name,
      dash(l.population) + (l.estimated ? '*' : ''),
      money(l.numerator),
      dash(l.perCapita),
      dash(l.percent, (p) => p.toLocaleString('vi-VN')),
      dash(l.rank, String),
      dash(l.change, (c) => (c > 0 ? `+${money(c)}` : money(c))),
    ]),
    '',
  );

  section(doc, 'II. Bình quân của các đơn vị trực thuộc so với chỉ tiêu');
  perCapitaChart(doc, view);
  doc.moveDown(0.6);
  for (const note of view.notes) {
    ensure(doc, 24);
    aside(doc, `• ${note}`);
  }
  signatures(doc, view);
  finish(doc, `Bình quân quỹ khuyến học năm ${view.year} — ${view.scope}`);
  return doc;
}

/**
 * The dashboard's own chart (ECharts' SVG), drawn into the PDF part by part: the same picture on
 * paper as on screen. Text in the SVG is set in the document's faces.
 */
function perCapitaChart(doc: PDFKit.PDFDocument, view: PerCapitaDocumentView) {
  const width = pageWidth(doc);
  ensure(doc, 30);
  doc.font('regular').fontSize(8).fillColor('#000000');
  const legend = view.target !== null ? `Đường nét đứt: chỉ tiêu ${money(view.target)} đ/người; ` : '';
  doc.text(
    `${legend}vùng xám: mức cả nước ${money(view.nationalReference.min)}–${money(view.nationalReference.max)} đ/người.`,
    MARGIN,
    doc.y,
    { width },
  );
  doc.y += 4;
  if (view.charts.length === 0) {
    doc
      .font('italic')
      .fontSize(9)
      .text('Không có đơn vị trực thuộc có số dân.', MARGIN, doc.y, { width, align: 'center' });
    return;
  }
  for (const svg of view.charts) {
    const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
    const height = box ? (Number(box[2]) / Number(box[1])) * width : 200;
    ensure(doc, height);
    SVGtoPDF(doc as never, svg, MARGIN, doc.y, {
      width,
      height,
      fontCallback: (_family, bold, italic) => (bold ? 'bold' : italic ? 'italic' : 'regular'),
    });
    doc.y += height + 6;
  }
}

function start(view: Heading, fonts: Fonts, docTitle: string): PDFKit.PDFDocument {
  const doc = newDocument(
    {
      size: 'A4',
      layout: 'portrait',
      margin: MARGIN,
      bufferPages: true,
      title: docTitle,
      author: view.unitName,
      dated: view.dated,
    },
    fonts,
  );
  letterhead(doc, MARGIN, { parentName: view.parentName, name: view.unitName });
  return doc;
}

function title(doc: PDFKit.PDFDocument, text: string, sub: string) {
  doc.moveDown(1.5);
  doc
    .font('bold')
    .fontSize(14)
    .text(text, MARGIN, doc.y, { width: pageWidth(doc), align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text(sub, { width: pageWidth(doc), align: 'center' });
}

function scopeLine(doc: PDFKit.PDFDocument, scope: string) {
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(10)
    .text('Phạm vi: ', MARGIN, doc.y, { continued: true, width: pageWidth(doc) });
  doc.font('bold').text(scope);
}

function section(doc: PDFKit.PDFDocument, text: string) {
  ensure(doc, 3 * ROW);
  doc.moveDown(0.8);
  doc
    .font('bold')
    .fontSize(11)
    .text(text, MARGIN, doc.y, { width: pageWidth(doc) });
  doc.moveDown(0.3);
}

const pageWidth = (doc: PDFKit.PDFDocument) => doc.page.width - 2 * MARGIN;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN - 20;

/** A new page when fewer than `height` points are left. */
function ensure(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > bottom(doc)) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

/**
 * A framed table, its heading repeated on every page; the last columns are amounts
 * (right-aligned). A long name wraps within its column: nothing is cut off.
 */
function table(
  doc: PDFKit.PDFDocument,
  headings: string[],
  widths: number[],
  rows: string[][],
  empty: string,
) {
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    const height = rowHeight(doc, cells, widths, ROW);
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      doc.y = MARGIN;
      if (!bold) draw(headings, true);
      doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    }
    const amount = (i: number) => !bold && i > 0 && /^-?[\d.]+$/.test(cells[i]);
    drawRow(doc, cells, widths, { x: MARGIN, y: doc.y, height }, (i) =>
      amount(i) ? 'right' : bold ? 'center' : 'left',
    );
  };
  ensure(doc, 2 * ROW);
  draw(headings, true);
  for (const row of rows) draw(row, false);
  if (rows.length === 0 && empty) {
    doc
      .font('italic')
      .fontSize(9)
      .text(empty, MARGIN, doc.y + 4, { width: pageWidth(doc), align: 'center' });
  }
}

/**
 * Grouped bars, raised beside paid out, for at most eight funds (the rest summed as "Các quỹ
 * khác"), scaled to the largest amount, with a legend and the amounts above the bars.
 */
const CHART_HEIGHT = 190;

function chart(doc: PDFKit.PDFDocument, bars: ChartBar[]) {
  const height = CHART_HEIGHT;
  ensure(doc, height + 20);
  const shown = bars.slice(0, 8);
  if (bars.length > 8) {
    const rest = bars.slice(8);
    shown[7] = {
      label: 'Các quỹ khác',
      raised: rest.reduce((s, b) => s + b.raised, shown[7].raised),
      paid: rest.reduce((s, b) => s + b.paid, shown[7].paid),
    };
  }
  const width = pageWidth(doc);
  const top = doc.y + 4;
  // Legend.
  doc.save();
  doc.rect(MARGIN, top, 10, 10).fill(RAISED);
  doc.rect(MARGIN + 120, top, 10, 10).fill(PAID);
  doc.restore();
  doc.font('regular').fontSize(8.5).fillColor('#000000');
  doc.text('Tiền ủng hộ (thuần)', MARGIN + 14, top + 1, { lineBreak: false });
  doc.text('Chi trả (thuần)', MARGIN + 134, top + 1, { lineBreak: false });

  const plotTop = top + 30;
  const plotHeight = 110;
  const axisY = plotTop + plotHeight;
  doc
    .moveTo(MARGIN, axisY)
    .lineTo(MARGIN + width, axisY)
    .lineWidth(0.8)
    .stroke('#444444');
  const max = Math.max(1, ...shown.flatMap((b) => [b.raised, b.paid]));
  const slot = width / Math.max(1, shown.length);
  const barWidth = Math.min(28, slot / 3);
  for (const [i, b] of shown.entries()) {
    const x0 = MARGIN + i * slot + (slot - 2 * barWidth - 4) / 2;
    for (const [j, value, colour] of [
      [0, b.raised, RAISED],
      [1, b.paid, PAID],
    ] as const) {
      const h = value > 0 ? Math.max(1, (value / max) * plotHeight) : 0;
      const x = x0 + j * (barWidth + 4);
      if (h > 0) {
        doc.save();
        doc.rect(x, axisY - h, barWidth, h).fill(colour);
        doc.restore();
      }
      doc
        .font('regular')
        .fontSize(6)
        .fillColor('#000000')
        .text(compact(value), x - 10, axisY - h - 9, {
          width: barWidth + 20,
          align: 'center',
          lineBreak: false,
        });
    }
    doc
      .font('regular')
      .fontSize(7)
      .text(b.label, MARGIN + i * slot + 2, axisY + 4, {
        width: slot - 4,
        height: 28,
        align: 'center',
        ellipsis: true,
      });
  }
  if (shown.length === 0) {
    doc
      .font('italic')
      .fontSize(9)
      .text('Không có dữ liệu.', MARGIN, plotTop + 40, { width, align: 'center' });
  }
  doc.y = axisY + 36;
}

/** 12500000 → "12,5 tr"; 2300000000 → "2,3 tỷ": short labels above the bars. */
function compact(n: number): string {
  const abs = Math.abs(n);
  const fmt = (v: number) => v.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  if (abs >= 1e9) return `${fmt(n / 1e9)} tỷ`;
  if (abs >= 1e6) return `${fmt(n / 1e6)} tr`;
  if (abs >= 1e3) return `${fmt(n / 1e3)} nghìn`;
  return fmt(n);
}

/** A remark in small grey italics across the page: a note, a definition. */
function aside(doc: PDFKit.PDFDocument, text: string) {
  doc
    .font('italic')
    .fontSize(8.5)
    .fillColor(GREY)
    .text(text, MARGIN, doc.y, { width: pageWidth(doc) });
  doc.fillColor('#000000');
}

function signatures(doc: PDFKit.PDFDocument, view: Heading) {
  ensure(doc, 110);
  doc.moveDown(1.2);
  chairSignatures(doc, MARGIN, doc.y, {
    preparer: 'NGƯỜI LẬP BÁO CÁO',
    place: view.place,
    dated: view.dated,
    unitName: view.unitName,
  });
}

/** Footers on every page: which report a loose page belongs to, and "Trang x/y". */
function finish(doc: PDFKit.PDFDocument, footer: string) {
  pageFooters(doc, MARGIN, footer, GREY);
  doc.end();
}
