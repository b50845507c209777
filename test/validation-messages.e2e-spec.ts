import { randomUUID } from 'node:crypto';
import { type AddressInfo, connect } from 'node:net';
import type TestAgent from 'supertest/lib/agent.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, TestUser } from './helpers/test-app.js';

/** A GET whose request line carries the bytes as given: Node's client would refuse or encode them. */
function rawGet(
  port: number,
  target: Buffer,
  token: string,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        Buffer.concat([
          Buffer.from('GET '),
          target,
          Buffer.from(
            ` HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
          ),
        ]),
      ),
    );
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('end', () => {
      const [head, body = ''] = text.split('\r\n\r\n');
      resolve({
        status: Number(head.split(' ')[1]),
        type: /content-type: ([^\r\n;]+)/i.exec(head)?.[1] ?? '',
        body,
      });
    });
    socket.on('error', reject);
  });
}

describe('validation messages and malformed URLs', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestAgent;
  let user: TestUser;
  let token: string;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    tree = await createFixtureTree(await t.rootAdmin());
    user = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]);
    treasurer = await t.as(user);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: user.password });
    token = login.body.accessToken;
  });
  afterAll(() => t.close());

  it('lists the allowed values of an enum and gives the limit of a text', async () => {
    const fund = await treasurer
      .post('/api/v1/funds')
      .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' });
    const res = await treasurer
      .post('/api/v1/donations')
      .set('Idempotency-Key', randomUUID())
      .send({
        fundId: fund.body.id,
        amount: 1_250_000,
        method: 'cheque',
        receivedOn: '2026-09-05',
        purpose: 'Ủng hộ học bổng '.repeat(40),
        donor: { kind: 'person', name: 'Nguyễn Thị Hằng' },
      });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'method', message: 'phải là một trong: cash, bank_transfer, in_kind' },
      { field: 'purpose', message: 'tối đa 500 ký tự' },
    ]);
  });

  it('gives the bounds of a number', async () => {
    const res = await treasurer.get('/api/v1/units').query({ pageSize: 900, page: 0 });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'page', message: 'không được nhỏ hơn 1' },
      { field: 'pageSize', message: 'không được lớn hơn 500' },
    ]);
  });

  it.each([
    [
      'raw UTF-8 bytes',
      Buffer.concat([Buffer.from('/api/v1/units?kind=commune&q=Th'), Buffer.from('á'), Buffer.from('i')]),
    ],
    ['a broken percent-encoding', Buffer.from('/api/v1/units?kind=commune&q=%E0%A4%A')],
  ])('answers a query string with %s in the error format, naming the parameter', async (_, target) => {
    const res = await rawGet(port, target, token);
    expect([res.status, res.type]).toEqual([400, 'application/json']);
    expect(JSON.parse(res.body)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Dữ liệu gửi lên không hợp lệ.',
      fields: [{ field: 'q', message: 'phải được mã hóa URL (percent-encoding) theo UTF-8' }],
      requestId: expect.any(String),
    });
  });

  it('still answers the same text, percent-encoded, with the units it names', async () => {
    const res = await (await t.rootAdmin()).get('/api/v1/units').query({ q: 'Thái Bình' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
  });
});
