import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

export type DatabaseConfig =
  | {
      type: 'mysql';
      url: string;
      database: string;
      /** Filled in by detectMysqlFlavor before the data source is built. */
      flavor?: 'mysql' | 'mariadb';
      /** DATABASE_REPLICA_URL: a read replica for heavy reads (dashboards, segment counts, catalogue lists). */
      replica?: ReplicaConfig;
    }
  | { type: 'better-sqlite3'; file: string };

export interface ReplicaConfig {
  url: string;
  /** Beyond this many seconds behind the primary (or when down) reads go to the primary. */
  maxLagSeconds: number;
  /** How often the replica's lag is checked (SHOW SLAVE STATUS). */
  checkIntervalMs: number;
}

export interface S3UploadConfig {
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (MinIO and most self-hosted stores); virtual-hosted otherwise. */
  forcePathStyle: boolean;
  /** Where the objects are read by browsers, e.g. a CDN in front of the bucket. */
  publicBaseUrl: string;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Run pending migrations at boot (MySQL) / synchronize (embedded file). */
  migrateOnBoot: boolean;
  seedDemoData: boolean;
  jwt: JwtConfig;
  adminBootstrapPassword: string | null;
  wechat: {
    mode: 'simulator' | 'live';
    appId: string;
    appSecret: string;
    /** Base URL of the WeChat API (https://api.weixin.qq.com). In simulator mode it is filled in after listen. */
    apiBaseUrl: string | null;
    /** Simulator mode: answer /__wechat for callers that are not on this machine too (WECHAT_SIMULATOR_OPEN). */
    simulatorOpen: boolean;
  };
  wechatPay: WechatPayConfig;
  /**
   * Only in simulator mode: what "WeChat" itself holds (its platform private key, notify retry
   * timing). The server's own code never reads this; only the simulator module does.
   */
  simulator: { platformPrivateKeyPem: string; notifyTimeScale: number } | null;
  /** Where the built admin panel and H5 mini-program are served from. */
  staticRoot: string;
  /** Background jobs (reconciliation, expiry, grants). Off in tests, which run jobs explicitly. */
  jobs: { enabled: boolean; reconcileIntervalSeconds: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** json for log collectors; pretty (one short line each) for the local demo. */
  logFormat: 'json' | 'pretty';
  rateLimit: { loginPerMinute: number };
  /** Behaviour events are kept this long (member_event rows older are purged nightly). */
  insight: { eventRetentionDays: number };
  /**
   * Where uploaded images are kept and how large one may be: local disk (served at /uploads, the
   * default) or an S3-compatible bucket (UPLOAD_STORAGE=s3), served from its public base URL.
   */
  uploads: { dir: string; maxBytes: number; s3: S3UploadConfig | null };
  /** Shipped delivery orders are confirmed received this many days after their last shipment; where returns go. */
  fulfilment: { autoConfirmDays: number; returnAddress: string };
  /**
   * Flash sales: with a Redis URL (several instances) admission runs as a Redis Lua script, without it an
   * in-process gate; writers of one event's hot stock row are capped; buy attempts per member are rate limited.
   */
  flashSale: { maxWritersPerEvent: number; buysPerMinute: number };
  /**
   * Shared state for several server instances (REDIS_URL): rate limits, cache invalidation, session
   * revocations and flash-sale admission. Null keeps the embedded single-process defaults.
   */
  redis: { url: string | null };
  http: {
    /**
     * Proxies whose X-Forwarded-For is believed (express `trust proxy`): named ranges (loopback,
     * linklocal, uniquelocal), addresses or CIDRs; empty trusts nobody. The client IP that rate
     * limits, logs and the simulator guard see is derived from it.
     */
    trustProxy: string[];
    /** Serve the OpenAPI document and Swagger UI (/api/docs, /api/docs-json). */
    apiDocs: boolean;
  };
}

export interface JwtConfig {
  /** HS256 key. Empty until resolveJwtSecret() fills in the development secret when JWT_SECRET is unset. */
  secret: string;
  /**
   * Set when JWT_SECRET is unset (never in production): the generated development secret lives in
   * this file, next to the embedded database (or ./data for MySQL), so sessions survive restarts.
   * `file` is null for an in-memory database: a new secret per process.
   */
  devSecret: { file: string | null } | null;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

export interface WechatPayConfig {
  mchId: string;
  /** Merchant API certificate serial number (sent in Authorization). */
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  /** 32-byte APIv3 key: decrypts notify resources. */
  apiV3Key: string;
  /** WeChat Pay platform public key (public-key mode, id PUB_KEY_ID_…): verifies responses and notifies. */
  platformPublicKeyId: string;
  platformPublicKeyPem: string;
  /** https://api.mch.weixin.qq.com; in simulator mode filled in after listen (own /__wechat/pay). */
  apiBaseUrl: string | null;
  /** Where WeChat posts payment notifies; in simulator mode filled in after listen. */
  notifyUrl: string | null;
  /** Unpaid payments are closed after this many seconds. */
  paymentTtlSeconds: number;
}

/** Thrown for an invalid environment; main() prints its one-line message and exits non-zero. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export function parseDatabaseUrl(raw: string, name = 'DATABASE_URL', cwd = process.cwd()): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new ConfigError(name, 'must name a file after sqlite:, e.g. sqlite:./data/mall.sqlite');
    return { type: 'better-sqlite3', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (raw.startsWith('mysql://') || raw.startsWith('mariadb://')) {
    let url: URL;
    try {
      url = new URL(raw.replace(/^mariadb:/, 'mysql:'));
    } catch {
      throw new ConfigError(name, 'is not a valid mysql:// URL');
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!database) throw new ConfigError(name, 'must name a database, e.g. mysql://user:pass@host:3306/mall');
    if (!/^[A-Za-z0-9_$-]+$/.test(database)) throw new ConfigError(name, `has an invalid database name "${database}"`);
    return { type: 'mysql', url: url.toString(), database };
  }
  throw new ConfigError(name, `must start with mysql:// or sqlite:, got "${raw.split(':')[0]}:…"`);
}

/** Reads and validates the environment. Every problem names its variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const database = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/mall.sqlite', 'DATABASE_URL', cwd);
  if (env.DATABASE_REPLICA_URL) {
    if (database.type !== 'mysql') throw new ConfigError('DATABASE_REPLICA_URL', 'needs DATABASE_URL to be a mysql:// URL');
    const replica = parseDatabaseUrl(env.DATABASE_REPLICA_URL, 'DATABASE_REPLICA_URL', cwd);
    if (replica.type !== 'mysql') throw new ConfigError('DATABASE_REPLICA_URL', 'must be a mysql:// URL');
    database.replica = {
      url: replica.url,
      maxLagSeconds: integer(env, 'REPLICA_MAX_LAG_SECONDS', 5, 0, 3600),
      checkIntervalMs: integer(env, 'REPLICA_CHECK_INTERVAL_MS', 2000, 100, 60_000),
    };
  }

  const appId = env.WECHAT_APP_ID ?? '';
  const appSecret = env.WECHAT_APP_SECRET ?? '';
  const hasRealCredentials = Boolean(appId && appSecret);
  const mode = oneOf(env, 'WECHAT_MODE', ['simulator', 'live'] as const, hasRealCredentials ? 'live' : 'simulator');
  if (mode === 'simulator' && production) {
    throw new ConfigError('WECHAT_MODE', 'must not be simulator when NODE_ENV=production');
  }
  if (mode === 'live' && !hasRealCredentials) {
    throw new ConfigError(appId ? 'WECHAT_APP_SECRET' : 'WECHAT_APP_ID', 'is required when WECHAT_MODE=live');
  }
  let apiBaseUrl: string | null = env.WECHAT_API_BASE_URL || (mode === 'live' ? 'https://api.weixin.qq.com' : null);
  if (apiBaseUrl) {
    try {
      apiBaseUrl = new URL(apiBaseUrl).toString().replace(/\/$/, '');
    } catch {
      throw new ConfigError('WECHAT_API_BASE_URL', `is not a URL: "${apiBaseUrl}"`);
    }
  }

  const jwtSecret = env.JWT_SECRET ?? '';
  if (production && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters in production');
  if (jwtSecret && jwtSecret.length < 16) throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');
  const simulatorOpen = boolean(env, 'WECHAT_SIMULATOR_OPEN', false);
  if (simulatorOpen && mode !== 'simulator') throw new ConfigError('WECHAT_SIMULATOR_OPEN', 'only applies when WECHAT_MODE=simulator');

  const adminBootstrapPassword = env.ADMIN_BOOTSTRAP_PASSWORD || null;
  if (adminBootstrapPassword !== null && adminBootstrapPassword.length < 8) {
    throw new ConfigError('ADMIN_BOOTSTRAP_PASSWORD', 'must be at least 8 characters');
  }

  const { wechatPay, simulator } = loadWechatPay(env, mode, cwd);

  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    database,
    migrateOnBoot: boolean(env, 'MIGRATE_ON_BOOT', !production),
    seedDemoData: boolean(env, 'SEED_DEMO_DATA', false),
    jwt: {
      secret: jwtSecret,
      devSecret: jwtSecret ? null : { file: devSecretFile(database, cwd) },
      accessTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400),
      refreshTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
    },
    adminBootstrapPassword,
    wechat: {
      mode,
      appId: appId || 'wx5e0a1c0de5imu1a7',
      appSecret: appSecret || 'simulator-app-secret',
      apiBaseUrl,
      simulatorOpen,
    },
    wechatPay,
    simulator,
    staticRoot: path.resolve(cwd, env.STATIC_ROOT || path.join(__dirname, '..', '..', '..')),
    jobs: {
      enabled: boolean(env, 'JOBS_ENABLED', nodeEnv !== 'test'),
      reconcileIntervalSeconds: integer(env, 'RECONCILE_INTERVAL_SECONDS', 30, 1, 3600),
    },
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, nodeEnv === 'test' ? 'warn' : 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    insight: { eventRetentionDays: integer(env, 'EVENT_RETENTION_DAYS', 365, 7, 3650) },
    rateLimit: { loginPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 10, 1, 100_000) },
    uploads: {
      dir: path.resolve(cwd, env.UPLOAD_DIR || path.join(dataDir(database, cwd), 'uploads')),
      maxBytes: integer(env, 'UPLOAD_MAX_BYTES', 5 * 1024 * 1024, 1024, MAX_UPLOAD_BYTES_CEILING),
      s3: s3UploadConfig(env),
    },
    fulfilment: {
      autoConfirmDays: integer(env, 'ORDER_AUTO_CONFIRM_DAYS', 10, 1, 60),
      returnAddress: (env.AFTER_SALE_RETURN_ADDRESS ?? '').trim().slice(0, 200),
    },
    flashSale: {
      maxWritersPerEvent: integer(env, 'FLASH_SALE_MAX_WRITERS', 8, 1, 200),
      buysPerMinute: integer(env, 'FLASH_SALE_BUYS_PER_MINUTE', 20, 1, 100_000),
    },
    redis: { url: env.REDIS_URL ? redisUrl(env.REDIS_URL) : null },
    http: {
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      apiDocs: boolean(env, 'API_DOCS', !production),
    },
  };
}

/** Where the development JWT secret is kept: beside the embedded database file, or ./data for MySQL. */
/** The largest image anyone may upload, whatever UPLOAD_MAX_BYTES says (multer's hard limit). */
export const MAX_UPLOAD_BYTES_CEILING = 10 * 1024 * 1024;

/** The embedded database's folder, or ./data beside a MySQL-backed install: where local files live. */
function dataDir(database: DatabaseConfig, cwd: string): string {
  if (database.type === 'mysql' || database.file === ':memory:') return path.resolve(cwd, 'data');
  return path.dirname(database.file);
}

function devSecretFile(database: DatabaseConfig, cwd: string): string | null {
  if (database.type === 'mysql') return path.resolve(cwd, 'data', 'jwt-dev-secret');
  return database.file === ':memory:' ? null : path.join(path.dirname(database.file), 'jwt-dev-secret');
}

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset means `loopback` (a reverse proxy on this machine); `none` trusts nobody;
 * otherwise a comma-separated list of names, addresses and CIDRs. Trusting every hop (`true`, `*`)
 * is refused: it would let any client choose the address its rate limits are counted under.
 */
export function parseTrustProxy(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return ['loopback'];
  if (['none', 'false'].includes(raw.trim().toLowerCase())) return [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (TRUST_PROXY_NAMES.includes(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length > 0) {
      throw new ConfigError(
        'TRUST_PROXY',
        `must be none or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDRs, got "${entry}"`,
      );
    }
  }
  return entries;
}

function readPem(env: Env, name: string, cwd: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string {
  const file = env[name];
  if (!file) throw new ConfigError(name, 'is required when WECHAT_MODE=live');
  let pem: string;
  try {
    pem = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch {
    throw new ConfigError(name, `cannot read file "${file}"`);
  }
  if (!pem.includes(`-----BEGIN ${kind}-----`) && !pem.includes(`-----BEGIN RSA ${kind}-----`)) {
    throw new ConfigError(name, `must be a PEM ${kind.toLowerCase()} file`);
  }
  return pem;
}

function required(env: Env, name: string, pattern: RegExp, description: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(name, 'is required when WECHAT_MODE=live');
  if (!pattern.test(value)) throw new ConfigError(name, `must be ${description}`);
  return value;
}

function s3UploadConfig(env: Env): S3UploadConfig | null {
  const storage = env.UPLOAD_STORAGE || 'local';
  if (storage === 'local') return null;
  if (storage !== 's3') throw new ConfigError('UPLOAD_STORAGE', `must be local or s3, got "${storage}"`);
  const need = (name: string): string => {
    const value = (env[name] ?? '').trim();
    if (!value) throw new ConfigError(name, 'is required when UPLOAD_STORAGE=s3');
    return value;
  };
  const bucket = need('UPLOAD_S3_BUCKET');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('UPLOAD_S3_BUCKET', `is not a bucket name: "${bucket}"`);
  const endpoint = optionalUrl(env, 'UPLOAD_S3_ENDPOINT');
  const publicBaseUrl = optionalUrl(env, 'UPLOAD_S3_PUBLIC_URL');
  if (!publicBaseUrl && !endpoint) throw new ConfigError('UPLOAD_S3_PUBLIC_URL', 'is required when UPLOAD_STORAGE=s3 without UPLOAD_S3_ENDPOINT');
  const forcePathStyle = (env.UPLOAD_S3_FORCE_PATH_STYLE ?? (endpoint ? 'true' : 'false')) === 'true';
  return {
    endpoint,
    region: (env.UPLOAD_S3_REGION || 'us-east-1').trim(),
    bucket,
    accessKeyId: need('UPLOAD_S3_ACCESS_KEY_ID'),
    secretAccessKey: need('UPLOAD_S3_SECRET_ACCESS_KEY'),
    forcePathStyle,
    publicBaseUrl: publicBaseUrl ?? `${endpoint}/${bucket}`,
  };
}

function redisUrl(raw: string): string {
  if (!/^rediss?:\/\/[^\s]+$/.test(raw)) throw new ConfigError('REDIS_URL', `must be redis://host:port[/db], got "${raw}"`);
  return raw;
}

function optionalUrl(env: Env, name: string): string | null {
  const raw = env[name];
  if (!raw) return null;
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(name, `is not a URL: "${raw}"`);
  }
}

let simulatorKeys: { merchant: ReturnType<typeof pemPair>; platform: ReturnType<typeof pemPair>; apiV3Key: string } | null = null;

/**
 * WECHAT_SIM_KEYS_DIR (simulator mode): the key pairs and APIv3 key from files (merchant.pem, platform.pem: PKCS#8
 * private keys; apiv3.key) instead of new ones per process, so a simulator process can play WeChat for several
 * instances configured in live mode with the matching keys (pnpm test:cluster does this).
 */
function simulatorKeysFrom(dir: string): NonNullable<typeof simulatorKeys> {
  const pair = (file: string) => {
    const privateKeyPem = fs.readFileSync(path.join(dir, file), 'utf8');
    return { privateKeyPem, publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString() };
  };
  try {
    return { merchant: pair('merchant.pem'), platform: pair('platform.pem'), apiV3Key: fs.readFileSync(path.join(dir, 'apiv3.key'), 'utf8').trim() };
  } catch (error) {
    throw new ConfigError('WECHAT_SIM_KEYS_DIR', `must hold merchant.pem, platform.pem and apiv3.key: ${(error as Error).message}`);
  }
}

function pemPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Live mode reads the merchant key, APIv3 key and platform public key from env/files. Simulator
 * mode generates the merchant and platform key pairs once per process: the merchant side is ours,
 * the platform private key goes only to the simulator.
 */
function loadWechatPay(env: Env, mode: 'simulator' | 'live', cwd: string): { wechatPay: WechatPayConfig; simulator: AppConfig['simulator'] } {
  const paymentTtlSeconds = integer(env, 'PAYMENT_TTL_SECONDS', 15 * 60, 60, 24 * 3600);
  if (mode === 'live') {
    return {
      wechatPay: {
        mchId: required(env, 'WECHATPAY_MCH_ID', /^\d{8,12}$/, 'the 8-12 digit merchant id'),
        merchantSerialNo: required(env, 'WECHATPAY_MCH_SERIAL_NO', /^[0-9A-Fa-f]{8,64}$/, 'a hex certificate serial number'),
        merchantPrivateKeyPem: readPem(env, 'WECHATPAY_PRIVATE_KEY_PATH', cwd, 'PRIVATE KEY'),
        apiV3Key: required(env, 'WECHATPAY_API_V3_KEY', /^.{32}$/, 'exactly 32 characters'),
        platformPublicKeyId: required(env, 'WECHATPAY_PUBLIC_KEY_ID', /^PUB_KEY_ID_\w+$/, 'PUB_KEY_ID_…'),
        platformPublicKeyPem: readPem(env, 'WECHATPAY_PUBLIC_KEY_PATH', cwd, 'PUBLIC KEY'),
        apiBaseUrl: optionalUrl(env, 'WECHATPAY_API_BASE_URL') ?? 'https://api.mch.weixin.qq.com',
        notifyUrl:
          optionalUrl(env, 'WECHATPAY_NOTIFY_URL') ??
          (() => {
            throw new ConfigError('WECHATPAY_NOTIFY_URL', 'is required when WECHAT_MODE=live');
          })(),
        paymentTtlSeconds,
      },
      simulator: null,
    };
  }
  simulatorKeys ??= env.WECHAT_SIM_KEYS_DIR
    ? simulatorKeysFrom(path.resolve(cwd, env.WECHAT_SIM_KEYS_DIR))
    : { merchant: pemPair(), platform: pemPair(), apiV3Key: randomBytes(16).toString('hex') };
  const scaleRaw = env.WECHAT_SIM_NOTIFY_TIME_SCALE;
  const notifyTimeScale = scaleRaw === undefined || scaleRaw === '' ? 1 : Number(scaleRaw);
  if (!Number.isFinite(notifyTimeScale) || notifyTimeScale <= 0 || notifyTimeScale > 1) {
    throw new ConfigError('WECHAT_SIM_NOTIFY_TIME_SCALE', `must be a number in (0, 1], got "${scaleRaw}"`);
  }
  return {
    wechatPay: {
      mchId: '1900000109',
      merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      merchantPrivateKeyPem: simulatorKeys.merchant.privateKeyPem,
      apiV3Key: simulatorKeys.apiV3Key,
      platformPublicKeyId: 'PUB_KEY_ID_0119000001092026112200000000SIM',
      platformPublicKeyPem: simulatorKeys.platform.publicKeyPem,
      apiBaseUrl: optionalUrl(env, 'WECHATPAY_API_BASE_URL'),
      notifyUrl: optionalUrl(env, 'WECHATPAY_NOTIFY_URL'),
      paymentTtlSeconds,
    },
    simulator: { platformPrivateKeyPem: simulatorKeys.platform.privateKeyPem, notifyTimeScale },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
