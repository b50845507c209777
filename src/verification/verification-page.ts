import { escapeHtml as escape, htmlDocument } from '../common/http/html.js';
import { associationName } from '../common/unit-names.js';
import { formatDate, formatMoney } from '../common/vi-format.js';
import type { VerificationResult } from './verification.service.js';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1f2933}
main{max-width:34rem;margin:1.5rem auto;padding:1.25rem;background:#fff;border-radius:10px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:.2rem 0 1rem}.badge{display:inline-block;padding:.35rem .7rem;border-radius:6px;font-weight:700}
.valid{background:#e3f6e8;color:#1e7b34}.void{background:#fde8e6;color:#b3261e}.unknown{background:#eceff1;color:#455a64}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.45rem 1rem;margin:1rem 0}dt{color:#52606d}dd{margin:0;font-weight:600}
.hash{font-family:ui-monospace,monospace;font-size:.75rem;word-break:break-all;font-weight:400}
footer{margin-top:1rem;font-size:.8rem;color:#52606d}
`;

function page(title: string, body: string): string {
  return htmlDocument(
    title,
    STYLE,
    `<main>${body}<footer>Hệ thống quản lý quỹ khuyến học — tra cứu chứng từ</footer></main>`,
  );
}

/** The answer a person sees after scanning a document's QR code. */
export function verificationPage(result: VerificationResult): string {
  const status =
    result.status === 'valid'
      ? `<span class="badge valid">✔ Chứng từ thật, đang có hiệu lực</span>`
      : `<span class="badge void">✘ Chứng từ thật nhưng ĐÃ HỦY — không còn giá trị</span>`;
  const rows: [string, string][] = [
    ['Loại chứng từ', result.title],
    ['Đơn vị phát hành', associationName(result.unit.name)],
    ['Số', result.number],
    ['Ngày', formatDate(result.date)],
    ['Số tiền', formatMoney(result.amount)],
    ['Nội dung', result.description],
    ...(result.recipientName ? [['Người nhận', result.recipientName] as [string, string]] : []),
    ['Mã tra cứu', result.code],
  ];
  const list = rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('');
  const hash = result.sha256
    ? `<p>Mã băm SHA-256 của tệp PDF đã phát hành:<br><span class="hash">${result.sha256}</span></p>`
    : '<p>Tệp PDF của chứng từ đang được tạo.</p>';
  return page(
    `${result.title} ${result.number}`,
    `<h1>Tra cứu chứng từ</h1>${status}<dl>${list}</dl>${hash}`,
  );
}

export function notFoundPage(): string {
  return page(
    'Không tìm thấy chứng từ',
    `<h1>Tra cứu chứng từ</h1><span class="badge unknown">Không tìm thấy</span>
<p>Không có chứng từ nào mang mã này. Hãy kiểm tra lại mã in dưới mã QR (12 ký tự, ví dụ 0000-1A2B-3C4D).</p>`,
  );
}
