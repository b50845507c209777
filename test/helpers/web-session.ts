import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { TestApp, TestUser } from './test-app.js';

/** The CSRF token a page's forms carry. */
export const csrfOf = (html: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
};

/** A field's value as the page shows it (inputs only). */
export const valueOf = (html: string, name: string): string | undefined =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];

/** A browser (cookies kept) signed in through the workspace's form, as a person would. */
export async function browserOf(t: TestApp, user: TestUser, next?: string): Promise<TestAgent> {
  const browser = request.agent(t.app.getHttpServer());
  const form = await browser.get('/login');
  const login = await browser
    .post('/login')
    .type('form')
    .send({
      _csrf: csrfOf(form.text),
      username: user.username,
      password: user.password,
      ...(next ? { next } : {}),
    });
  if (login.status !== 303) throw new Error(`sign-in: ${login.status} ${login.text.slice(0, 300)}`);
  return browser;
}

/** A form's POST from a page: the page's CSRF token and the form's own hidden fields, then `fields`. */
export async function submit(
  browser: TestAgent,
  pageUrl: string,
  action: string,
  fields: Record<string, string>,
): Promise<request.Response> {
  const page = await browser.get(pageUrl);
  const hidden: Record<string, string> = { _csrf: csrfOf(page.text) };
  const key = valueOf(page.text, 'idempotencyKey');
  if (key) hidden.idempotencyKey = key;
  return browser
    .post(action)
    .type('form')
    .send({ ...hidden, ...fields });
}
