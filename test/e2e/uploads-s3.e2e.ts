import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Upload } from '@mall/server/upload/upload.entity';
import { loadConfig } from '@mall/server/config/app-config';
import { startTestApp, type TestApp } from '../helpers/test-app';

// s3rver is an in-process S3-compatible server (the S3 REST API, path-style): the SDK talks HTTP to it as
// it would to MinIO or AWS. It refuses unknown access keys but did not refuse a wrong secret here, so the
// SigV4 signature itself is not verified by this suite.
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);

describe('image uploads in an S3-compatible bucket (UPLOAD_STORAGE=s3)', () => {
  let t: TestApp;
  let s3: InstanceType<typeof S3rver>;
  let endpoint: string;
  let dir: string;
  let member: string;
  let ops: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
    // s3rver knows one key pair (S3RVER / S3RVER) and refuses requests from other access keys.
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'mall-uploads' }] });
    endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
    t = await startTestApp({
      UPLOAD_MAX_BYTES: '2048',
      UPLOAD_STORAGE: 's3',
      UPLOAD_S3_ENDPOINT: endpoint,
      UPLOAD_S3_BUCKET: 'mall-uploads',
      UPLOAD_S3_ACCESS_KEY_ID: 'S3RVER',
      UPLOAD_S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    member = `Bearer ${(await t.loginMember('s3-uploader')).accessToken}`;
    await t.createAccount({ username: 'ops-s3', password: 'ops-s3-pass', displayName: '运营', role: 'ops' });
    ops = `Bearer ${(await t.loginAccount('ops-s3', 'ops-s3-pass')).accessToken}`;
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('puts the checked image in the bucket, not on local disk, and returns the bucket URL', async () => {
    const res = await t.http().post('/api/uploads').set('authorization', member).field('purpose', 'after_sale').attach('file', PNG, 'x.png').expect(201);
    expect(res.body).toMatchObject({ url: expect.stringMatching(new RegExp(`^${endpoint}/mall-uploads/after_sale/[0-9a-f]{2}/[0-9a-f-]{36}\\.png$`)) });
    const object = await fetch(res.body.url);
    expect(object.status).toBe(200);
    expect(object.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await object.arrayBuffer()), PNG)).toBe(0);
    const key = res.body.url.slice(`${endpoint}/mall-uploads/`.length);
    expect(fs.existsSync(path.join(t.config.uploads.dir, key))).toBe(false);
    const admin = await t.http().post('/api/admin/uploads').set('authorization', ops).field('purpose', 'group_qr').attach('file', PNG, 'qr.png').expect(201);
    expect((await fetch(admin.body.url)).status).toBe(200);
  });

  it('keeps the type and size checks: nothing reaches the bucket', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await t.http().post('/api/uploads').set('authorization', member).field('purpose', 'avatar').attach('file', svg, 'evil.png').expect(415);
    await t
      .http()
      .post('/api/uploads')
      .set('authorization', member)
      .field('purpose', 'avatar')
      .attach('file', Buffer.concat([PNG, Buffer.alloc(4096)]), 'big.png')
      .expect(413);
    const list = await (await fetch(`${endpoint}/mall-uploads?list-type=2&prefix=avatar/`)).text();
    expect(list).toContain('<KeyCount>0</KeyCount>');
  });

  it('an unknown access key is refused by the store and the upload is not recorded', async () => {
    const bad = await startTestApp({
      UPLOAD_STORAGE: 's3',
      UPLOAD_S3_ENDPOINT: endpoint,
      UPLOAD_S3_BUCKET: 'mall-uploads',
      UPLOAD_S3_ACCESS_KEY_ID: 'UNKNOWN-KEY',
      UPLOAD_S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    try {
      const auth = `Bearer ${(await bad.loginMember('s3-bad')).accessToken}`;
      const res = await bad.http().post('/api/uploads').set('authorization', auth).field('purpose', 'avatar').attach('file', PNG, 'x.png');
      expect(res.status).toBe(500);
      expect(await bad.app.get<DataSource>(getDataSourceToken()).getRepository(Upload).count()).toBe(0);
    } finally {
      await bad.close();
    }
  });

  it('configuration: s3 needs a bucket and keys; an unknown backend is refused', () => {
    const base = { NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' };
    expect(loadConfig(base).uploads.s3).toBeNull();
    expect(() => loadConfig({ ...base, UPLOAD_STORAGE: 'ftp' })).toThrow(/UPLOAD_STORAGE/);
    expect(() => loadConfig({ ...base, UPLOAD_STORAGE: 's3', UPLOAD_S3_ENDPOINT: endpoint })).toThrow(/UPLOAD_S3_BUCKET/);
    expect(() => loadConfig({ ...base, UPLOAD_STORAGE: 's3', UPLOAD_S3_BUCKET: 'b-1', UPLOAD_S3_ENDPOINT: endpoint })).toThrow(/UPLOAD_S3_ACCESS_KEY_ID/);
    expect(() =>
      loadConfig({ ...base, UPLOAD_STORAGE: 's3', UPLOAD_S3_BUCKET: 'b-1', UPLOAD_S3_ACCESS_KEY_ID: 'a', UPLOAD_S3_SECRET_ACCESS_KEY: 's' }),
    ).toThrow(/UPLOAD_S3_PUBLIC_URL/);
    const cfg = loadConfig({
      ...base,
      UPLOAD_STORAGE: 's3',
      UPLOAD_S3_BUCKET: 'b-1',
      UPLOAD_S3_ACCESS_KEY_ID: 'a',
      UPLOAD_S3_SECRET_ACCESS_KEY: 's',
      UPLOAD_S3_PUBLIC_URL: 'https://cdn.example.com/',
    }).uploads.s3;
    expect(cfg).toMatchObject({ endpoint: null, forcePathStyle: false, publicBaseUrl: 'https://cdn.example.com', region: 'us-east-1' });
  });
});
