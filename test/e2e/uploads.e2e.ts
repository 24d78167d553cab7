import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);

describe('image uploads: checked by their bytes and size, owned, served', () => {
  let t: TestApp;
  let member: string;
  let ops: string;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: '2048' });
    member = `Bearer ${(await t.loginMember('uploader')).accessToken}`;
    await t.createAccount({ username: 'ops-upload', password: 'ops-upload-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-upload', 'ops-upload-pass')).accessToken}`;
  });
  afterAll(() => t?.close());

  it('stores a PNG for its owner and serves it back byte for byte', async () => {
    const res = await t.http().post('/api/uploads').set('authorization', member).field('purpose', 'after_sale').attach('file', PNG, 'x.png').expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      url: expect.stringMatching(/^\/uploads\/after_sale\/[0-9a-f]{2}\/[0-9a-f-]{36}\.png$/),
      mimeType: 'image/png',
      sizeBytes: PNG.length,
    });
    const served = await t
      .http()
      .get(res.body.url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    expect(served.headers['content-type']).toBe('image/png');
    expect(fs.existsSync(path.join(t.config.uploads.dir, res.body.url.replace('/uploads/', '')))).toBe(true);
  });

  it('refuses what is not an image by its bytes, whatever its name or declared type', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const res = await t
      .http()
      .post('/api/uploads')
      .set('authorization', member)
      .field('purpose', 'avatar')
      .attach('file', svg, { filename: 'evil.png', contentType: 'image/png' })
      .expect(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '只支持 JPG、PNG、WebP 图片' });
  });

  it('refuses an image over the size limit, a missing file, an unknown purpose, and members using admin purposes', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(4096)]);
    expect(
      (await t.http().post('/api/uploads').set('authorization', member).field('purpose', 'avatar').attach('file', big, 'big.png').expect(413)).body.code,
    ).toBe('PAYLOAD_TOO_LARGE');
    expect((await t.http().post('/api/uploads').set('authorization', member).field('purpose', 'avatar').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(
      (await t.http().post('/api/uploads').set('authorization', member).field('purpose', 'product').attach('file', PNG, 'x.png').expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');
    await t.http().post('/api/admin/uploads').set('authorization', member).field('purpose', 'product').attach('file', PNG, 'x.png').expect(403);
    expect(
      (await t.http().post('/api/admin/uploads').set('authorization', ops).field('purpose', 'product').attach('file', PNG, 'p.png').expect(201)).body.url,
    ).toMatch(/^\/uploads\/product\//);
  });

  it('multipart is accepted on the upload routes only', async () => {
    const res = await t.http().post('/api/orders').set('authorization', member).field('lines', 'x').expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
