import { escapeHtml as esc, htmlDocument, SIGN_IN_STYLE } from '../common/http/html.js';
import { formatMoney, formatNumber } from '../common/vi-format.js';
import { unitInSentence } from '../common/unit-names.js';
import { CHART_COLORS } from '../reports/charts.js';
import type { Basis, PerCapitaChild } from '../reports/per-capita.view.js';
import type { DownloadFormat } from './dashboard.query.js';
import { type DashboardView } from './dashboard.service.js';

/**
 * The dashboard's HTML: server-rendered, no scripts (Helmet's CSP allows none inline, and a
 * commune treasurer's phone gets a page that works at once). Phone first: one column, charts as
 * SVG scaled to the width, the table scrolling inside its own box, tap targets of 44 px.
 */

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2933;margin:0;line-height:1.45;font-size:16px}
a{color:#1d5fa8}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;justify-content:space-between;background:#1d3b5a;color:#fff;padding:.5rem 1rem}
.top .brand{font-weight:600}
.top nav a{display:inline-flex;align-items:center;color:#fff;border:1px solid #ffffff88;border-radius:6px;min-height:44px;padding:0 1rem;font-size:1rem;text-decoration:none}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.25rem 0 .75rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:1rem;margin:0 0 1rem;min-width:0}
.crumbs{display:flex;flex-wrap:wrap;gap:0 .25rem;font-size:.95rem;margin:0;padding:0;list-style:none}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#7b8794}
.crumbs a{display:inline-block;min-height:44px;line-height:44px}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end}
.filters label{display:flex;flex-direction:column;font-size:.9rem;gap:.25rem}
select,.filters button,.button{min-height:44px;font-size:1rem;padding:0 .75rem;border-radius:6px;border:1px solid #9aa5b1;background:#fff;color:inherit}
.filters button{background:#1d5fa8;color:#fff;border-color:#1d5fa8}
.picker summary{min-height:44px;line-height:44px;cursor:pointer;font-weight:600}
.picker ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.picker a{display:inline-flex;align-items:center;min-height:44px;padding:0 .75rem;border:1px solid #c5ccd3;border-radius:22px;text-decoration:none;background:#f8fafc}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;margin-bottom:.75rem}
.card{border:1px solid #e4e7eb;border-radius:8px;padding:.6rem .75rem}
.card .label{font-size:.85rem;color:#52606d}
.card .value{font-size:1.25rem;font-weight:650;overflow-wrap:anywhere}
.card .note{font-size:.85rem;color:#52606d;overflow-wrap:anywhere}
.definition{font-size:.9rem;color:#3e4c59;background:#f8fafc;border-left:4px solid #9aa5b1;padding:.5rem .75rem;margin:0}
.grid{display:grid;grid-template-columns:1fr;gap:0 1rem}
@media (min-width:60rem){.grid.two{grid-template-columns:1fr 1fr}}
figure{margin:0}
.chart svg{display:block;width:100%;height:auto;max-width:25rem}
figcaption,.note-text{font-size:.85rem;color:#52606d;margin-top:.5rem}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.85rem;margin:0 0 .5rem;padding:0;list-style:none}
.legend span{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;vertical-align:-2px;margin-right:.3rem}
.ranks{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:36rem){.ranks{grid-template-columns:1fr 1fr}}
.ranks h3{font-size:1rem;margin:0 0 .25rem}
.rank-list{margin:0;padding-left:1.25rem}
.rank-list li{padding:.2rem 0}
.rank{color:#52606d;font-size:.9rem;white-space:nowrap}
.table-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid #e4e7eb;border-radius:6px}
table{border-collapse:collapse;min-width:100%;font-size:.95rem}
th,td{padding:.5rem .6rem;border-bottom:1px solid #e4e7eb;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left;position:sticky;left:0;background:#fff;white-space:normal;min-width:9rem;width:9rem;overflow-wrap:break-word}
thead th{background:#f4f5f7;font-weight:600}
thead th:first-child{background:#f4f5f7}
td a{display:block;padding:.35rem 0}
.up{color:#2f7d4f}.down{color:#c4452f}
.flag{color:#8a5a00;font-weight:600}
.missing{background:#fff8e6;border:1px solid #f0c36d;border-radius:6px;padding:.5rem .75rem;font-size:.9rem}
.downloads .button{display:inline-flex;align-items:center;margin:0 .5rem .5rem 0;text-decoration:none;color:#1d5fa8;border-color:#1d5fa8}
.empty{border-left:4px solid #c98a0b}
.empty p{margin:.25rem 0 .5rem}
.error{color:#b42318;background:#fef3f2;padding:.5rem;border-radius:4px}
.narrow{max-width:24rem;margin:8vh auto}
${SIGN_IN_STYLE}`;

function page(title: string, body: string, header = ''): string {
  return htmlDocument(title, STYLE, `${header}<main>\n${body}\n</main>`);
}

const BASIS_LABEL: Record<Basis, string> = {
  raised: 'Số tiền vận động trong năm',
  balance: 'Số dư quỹ cuối năm',
};

const num = formatNumber;
const money = (n: number | null) => (n === null ? '—' : formatMoney(n));

function dashboardUrl(query: { unitId?: string; year?: number; basis?: Basis }): string {
  const params = new URLSearchParams();
  if (query.unitId) params.set('unitId', query.unitId);
  if (query.year) params.set('year', String(query.year));
  if (query.basis) params.set('basis', query.basis);
  const search = params.toString();
  return `/dashboard${search ? `?${search}` : ''}`;
}

function change(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '0 đ';
  const cls = value > 0 ? 'up' : 'down';
  return `<span class="${cls}">${value > 0 ? '+' : '−'}${esc(formatMoney(Math.abs(value)))}</span>`;
}

/** The population with its year when it is an earlier year's figure (flagged). */
function population(line: {
  population: number | null;
  populationYear: number | null;
  populationEstimated: boolean;
}): string {
  if (line.population === null) return '<span class="flag">chưa có</span>';
  const figure = esc(num(line.population));
  return line.populationEstimated
    ? `${figure} <span class="flag" title="Số dân năm ${line.populationYear}">(năm ${line.populationYear})*</span>`
    : figure;
}

const percent = (line: { percentOfTarget: number | null }) =>
  line.percentOfTarget === null ? '—' : `${esc(num(line.percentOfTarget))}%`;

/** What to do when a year has no money yet: the sentence the empty page shows. */
function emptyState(view: DashboardView): string {
  const { report, year, basis } = view;
  const where = `${esc(unitInSentence(report.name))}${report.children.length ? ' và các đơn vị trực thuộc' : ''}`;
  const what =
    basis === 'raised'
      ? `Chưa có khoản ủng hộ nào được ghi nhận trong năm ${year} cho ${where}`
      : `Cuối năm ${year}, các quỹ của ${where} chưa có số dư`;
  const how =
    basis === 'raised'
      ? 'Khi thủ quỹ ghi nhận khoản ủng hộ (từng khoản, hoặc nhập danh sách từ bảng tính Excel), bình quân trên đầu người và các biểu đồ hiện ở đây ngay sau đó.'
      : 'Khi thủ quỹ ghi nhận khoản ủng hộ hoặc nhập số dư chuyển từ sổ sách của quỹ, số dư và bình quân hiện ở đây ngay sau đó.';
  return `<section class="empty" aria-labelledby="s-empty" data-empty-state><h2 id="s-empty">Chưa có số liệu năm ${year}</h2>
<p>${what}, nên chưa có gì để so sánh hay vẽ biểu đồ.</p>
<p class="note-text">${how} Có thể chọn năm khác ở trên để xem số liệu đã có.</p></section>`;
}

export function dashboardPage(view: DashboardView): string {
  const { report, year, basis } = view;
  const link = (unitId: string) => esc(dashboardUrl({ unitId, year, basis }));
  const header = `<header class="top">
<span class="brand">Khuyến học · Bình quân quỹ trên đầu người</span>
<span>${esc(view.userName)}</span>
<nav aria-label="Không gian làm việc"><a href="/">Trang chủ</a> <a href="/logout">Đăng xuất</a></nav>
</header>
`;

  const crumbs = `<nav aria-label="Cấp đơn vị"><ol class="crumbs">${view.breadcrumbs
    .map((u, i) =>
      i === view.breadcrumbs.length - 1
        ? `<li aria-current="page">${esc(u.name)}</li>`
        : `<li><a href="${link(u.id)}">${esc(u.name)}</a></li>`,
    )
    .join('')}</ol></nav>`;

  const homes = view.homes.length
    ? `<p class="note-text">Đơn vị của bạn: ${view.homes
        .map((u) => `<a href="${link(u.id)}">${esc(u.name)}</a>`)
        .join(', ')}</p>`
    : '';

  const filters = `<form class="filters" method="get" action="/dashboard">
<input type="hidden" name="unitId" value="${esc(report.unitId)}">
<label>Năm<select name="year">${view.yearChoices
    .map((y) => `<option value="${y}"${y === year ? ' selected' : ''}>${y}</option>`)
    .join('')}</select></label>
<label>Cách tính<select name="basis">${(['raised', 'balance'] as const)
    .map((b) => `<option value="${b}"${b === basis ? ' selected' : ''}>${esc(BASIS_LABEL[b])}</option>`)
    .join('')}</select></label>
<button type="submit">Xem</button>
</form>`;

  const picker = report.children.length
    ? `<details class="picker"><summary>Xem đơn vị trực thuộc (${report.children.length})</summary><ul>${report.children
        .map((c) => `<li><a href="${link(c.unitId)}">${esc(c.name)}</a></li>`)
        .join('')}</ul></details>`
    : '<p class="note-text">Đơn vị này không có đơn vị trực thuộc trong năm.</p>';

  const source = report.targetSource;
  const summary = `<section aria-labelledby="s-summary">
<h2 id="s-summary">Năm ${year}: ${esc(BASIS_LABEL[basis].toLowerCase())}</h2>
<div class="cards">
<div class="card"><div class="label">Bình quân trên đầu người</div><div class="value" data-figure="per-capita">${esc(money(report.perCapita))}</div>
<div class="note">${report.percentOfTarget !== null ? `đạt ${esc(num(report.percentOfTarget))}% chỉ tiêu` : report.population === null ? 'chưa có số dân' : 'chưa có chỉ tiêu'}</div></div>
<div class="card"><div class="label">Chỉ tiêu</div><div class="value">${esc(money(report.target))}</div>
<div class="note" data-target-source>${source ? `${esc(source.text)}; ` : ''}cả nước ${esc(num(report.nationalReference.min))}–${esc(num(report.nationalReference.max))} đ</div></div>
<div class="card"><div class="label">${esc(BASIS_LABEL[basis])}</div><div class="value">${esc(formatMoney(report.numerator))}</div>
<div class="note" data-figure="numerator-parts">tiền ${esc(formatMoney(report.numeratorCash))}; hiện vật ${esc(formatMoney(report.numeratorInKind))}</div></div>
<div class="card"><div class="label">Dân số</div><div class="value">${population(report)}</div>
<div class="note">${report.populationSource ? esc(report.populationSource) : ''}</div></div>
<div class="card"><div class="label">So với năm ${year - 1}</div><div class="value">${change(report.change)}</div>
<div class="note">năm ${year - 1}: ${esc(money(report.previousPerCapita))}</div></div>
</div>
<p class="definition"><strong>Cách tính.</strong> ${esc(report.definition)}</p>
${view.targetNotes.map((n) => `<p class="note-text" data-target-note>${esc(n)}</p>`).join('\n')}
</section>`;

  const legend = (target: number | null) => `<ul class="legend">
${target ? `<li><span style="background:${CHART_COLORS.reached}"></span>đạt chỉ tiêu</li>` : ''}
<li><span style="background:${CHART_COLORS.nearing}"></span>trên mức cả nước</li>
<li><span style="background:${CHART_COLORS.below}"></span>dưới mức cả nước</li>
${target ? `<li><span style="background:${CHART_COLORS.target}"></span>đường chỉ tiêu</li>` : ''}
<li><span style="background:${CHART_COLORS.reference}"></span>dải xám: mức cả nước ${esc(num(report.nationalReference.min))}–${esc(num(report.nationalReference.max))} đ</li>
</ul>`;

  const missing = report.missingPopulation.length
    ? `<p class="missing" data-missing-population>Chưa có số dân năm ${year} (hay năm trước đó), nên chưa tính được bình quân: ${report.missingPopulation
        .map((u) => esc(unitInSentence(u.name)))
        .join(', ')}.</p>`
    : '';
  const estimated = report.children.filter((c) => c.populationEstimated);
  const estimatedNote = estimated.length
    ? `<p class="note-text">* Số dân ước theo năm gần nhất trước đó (chưa có số năm ${year}): ${estimated
        .map((c) => esc(unitInSentence(c.name)))
        .join(', ')}.</p>`
    : '';

  const childrenChart = view.children
    ? `<section aria-labelledby="s-children"><h2 id="s-children">Bình quân theo đơn vị trực thuộc</h2>${legend(view.children.target)}
<figure class="chart" role="img" aria-label="Biểu đồ bình quân quỹ khuyến học trên đầu người của các đơn vị trực thuộc, so với chỉ tiêu">${view.children.svg}
<figcaption>Đồng/người, năm ${year}. ${view.children.target ? `Đường nét đứt: chỉ tiêu ${esc(formatMoney(view.children.target))}.` : 'Chưa có chỉ tiêu cho các đơn vị này.'} Dải xám: mức cả nước.</figcaption></figure></section>`
    : '';

  const rankList = (items: PerCapitaChild[], of: number) =>
    `<ul class="rank-list">${items
      .map(
        (c) =>
          `<li><a href="${link(c.unitId)}">${esc(c.name)}</a>: ${esc(money(c.perCapita))} <span class="rank">(hạng ${c.rank}/${of})</span></li>`,
      )
      .join('')}</ul>`;
  const ranks = view.ranks
    ? `<section aria-labelledby="s-ranks"><h2 id="s-ranks">Đơn vị cao nhất và thấp nhất</h2>
<div class="ranks"><div><h3>Cao nhất</h3>${rankList(view.ranks.top, view.ranks.of)}</div>${
        view.ranks.bottom.length
          ? `<div><h3>Thấp nhất</h3>${rankList(view.ranks.bottom, view.ranks.of)}</div>`
          : ''
      }</div></section>`
    : '';

  const first = view.history[0]?.year;
  const trend = view.trend
    ? `<section aria-labelledby="s-trend"><h2 id="s-trend">Xu hướng ${first}–${year}</h2>
<figure class="chart" role="img" aria-label="Biểu đồ bình quân trên đầu người của ${esc(unitInSentence(report.name))} qua các năm">${view.trend}
<figcaption>${esc(report.name)}, đồng/người theo ${esc(BASIS_LABEL[basis].toLowerCase())}.${view.history.some((h) => h.populationEstimated) ? ' Năm chưa có số dân được chia cho số dân năm gần nhất trước đó.' : ''}</figcaption></figure></section>`
    : '';

  const moneyTable = `<div class="table-scroll"><table><thead><tr><th>Năm</th><th>Vận động được</th><th>Đã chi trao thưởng</th><th>Số dư cuối năm</th></tr></thead><tbody>${view.history
    .map(
      (h) =>
        `<tr><td>${h.year}</td><td>${esc(formatMoney(h.raised))}</td><td>${esc(formatMoney(h.paidOut))}</td><td>${esc(formatMoney(h.balance))}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
  const moneySection = view.money
    ? `<section aria-labelledby="s-money"><h2 id="s-money">Vận động và chi trả</h2>${
        view.money.chart
          ? `<figure class="chart" role="img" aria-label="Biểu đồ số tiền vận động được và số tiền đã chi trao thưởng qua các năm">${view.money.chart}
<figcaption>Cả đơn vị và mọi đơn vị trực thuộc. Đã chi: học bổng, phần thưởng đã trao (trừ khoản bị trả lại), theo sổ cái; không tính tiền điều chuyển giữa các đơn vị.</figcaption></figure>`
          : ''
      }
${moneyTable}</section>`
    : '';

  const rows = report.children
    .map(
      (c) => `<tr>
<td><a href="${link(c.unitId)}">${esc(c.name)}</a></td>
<td>${population(c)}</td>
<td>${esc(formatMoney(c.numerator))}</td>
<td>${esc(money(c.perCapita))}</td>
<td>${c.perCapita === null ? '—' : percent(c)}</td>
<td>${c.rank ?? '—'}</td>
<td>${change(c.change)}</td>
</tr>`,
    )
    .join('');
  const table = report.children.length
    ? `<section aria-labelledby="s-table"><h2 id="s-table">Bảng chi tiết các đơn vị trực thuộc</h2>
<div class="table-scroll" data-table-scroll><table>
<thead><tr><th>Đơn vị</th><th>Dân số</th><th>${esc(BASIS_LABEL[basis])}</th><th>Bình quân (đ/người)</th><th>% chỉ tiêu</th><th>Hạng</th><th>So với năm ${year - 1}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${estimatedNote}${missing}${
        report.ownFunds || report.otherUnits
          ? `<p class="note-text">Tổng của ${esc(unitInSentence(report.name))} còn gồm quỹ của chính đơn vị (${esc(formatMoney(report.ownFunds))})${report.otherUnits ? ` và của đơn vị không còn trực thuộc trong năm (${esc(formatMoney(report.otherUnits))})` : ''}.</p>`
          : ''
      }
</section>`
    : '';

  const download = (format: DownloadFormat) =>
    esc(
      `/dashboard/per-capita/${format}?${new URLSearchParams({ unitId: report.unitId, year: String(year), basis })}`,
    );
  const downloads = `<section class="downloads" aria-labelledby="s-downloads"><h2 id="s-downloads">Tải báo cáo bình quân</h2>
<a class="button" href="${download('pdf')}" data-download="pdf">Bản in (PDF)</a>
<a class="button" href="${download('xlsx')}" data-download="xlsx">Bảng tính Excel (XLSX)</a>
<a class="button" href="${download('csv')}" data-download="csv">CSV</a>
<p class="note-text">Cùng số liệu với trang này: ${esc(unitInSentence(report.name))}, năm ${year}, ${esc(BASIS_LABEL[basis].toLowerCase())}${report.children.length ? ', kèm từng đơn vị trực thuộc' : ''}.</p></section>`;

  // Two columns on a wide screen only when there are two to fill.
  const side = `${ranks}${trend}`;
  const grid =
    childrenChart && side
      ? `<div class="grid two">${childrenChart}<div>${side}</div></div>`
      : `${childrenChart}${side}`;

  return page(
    `${report.name}: bình quân quỹ khuyến học năm ${year}`,
    `${crumbs}
<h1>${esc(report.name)}</h1>
${homes}
<section aria-label="Chọn năm, cách tính và đơn vị">${filters}${picker}</section>
${view.empty ? emptyState(view) : ''}
${summary}
${grid}
${moneySection}
${table}
${downloads}`,
    header,
  );
}

/** The sign-in form; shown again with the error after a failed attempt (the username kept). */
/** A short page saying why there is nothing to show (403, 404, 500…). */
export function messagePage(title: string, message: string): string {
  return page(
    title,
    `<section class="narrow">
<h1>${esc(title)}</h1>
<p>${esc(message)}</p>
<p><a href="/dashboard">Về bảng theo dõi của đơn vị bạn</a> · <a href="/login">Đăng nhập bằng tài khoản khác</a></p>
</section>`,
  );
}
