import { escapeHtml as escape, htmlDocument, SIGN_IN_STYLE } from '../common/http/html.js';

/** The admin pages' HTML: server-rendered, no scripts, so nothing to build and nothing to load. */

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1f2933;margin:0}
main{max-width:24rem;margin:10vh auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.25rem;margin-top:0}
a{color:#1d5fa8}
.error{color:#b42318;background:#fef3f2;padding:.5rem;border-radius:4px}
${SIGN_IN_STYLE}`;

function page(title: string, body: string): string {
  return htmlDocument(title, STYLE, `<main>\n${body}\n</main>`);
}

/** The sign-in form; shown again with the error after a failed attempt (the username kept). */
export function loginPage(options: { error?: string; username?: string } = {}): string {
  return page(
    'Đăng nhập quản trị',
    `<h1>Đăng nhập quản trị hệ thống</h1>
${options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : ''}
<form class="sign-in" method="post" action="/admin/login">
<label for="username">Tên đăng nhập</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" value="${escape(options.username ?? '')}">
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">Đăng nhập</button>
</form>`,
  );
}

/** Asks before signing out: the board's menu can only link (GET), and sign-out is a POST. */
export function logoutPage(): string {
  return page(
    'Đăng xuất',
    `<h1>Đăng xuất</h1>
<p>Kết thúc phiên đăng nhập quản trị trên trình duyệt này?</p>
<form class="sign-in" method="post" action="/admin/logout"><button type="submit">Đăng xuất</button></form>
<p><a href="/admin/queues">Quay lại bảng theo dõi hàng đợi</a></p>`,
  );
}

/** A short page saying why there is nothing to show (403, 404, 500…). */
export function messagePage(title: string, message: string): string {
  return page(
    title,
    `<h1>${escape(title)}</h1>
<p>${escape(message)}</p>
<p><a href="/admin/login">Đăng nhập bằng tài khoản khác</a></p>`,
  );
}
