import type Redis from 'ioredis';
import type { AdmissionGate, AdmissionSnapshot, AdmissionVerdict } from './admission-gate';

/**
 * Takes a unit and counts it against the member's limit in one step. Returns 1 admitted, 0 sold out,
 * -2 over the member's limit, -1 when Redis holds nothing for the event (first use or a restart).
 */
const ADMIT = `
local stock = redis.call('GET', KEYS[1])
if not stock then return -1 end
local q = tonumber(ARGV[2])
if tonumber(stock) < q then return 0 end
local taken = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if taken + q > tonumber(ARGV[3]) then return -2 end
redis.call('DECRBY', KEYS[1], q)
redis.call('HINCRBY', KEYS[2], ARGV[1], q)
return 1
`;

const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[2])
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
`;

/** Loads the database state; with ARGV[1] = '1' only when Redis has none (first load), else replaces it. */
const LOAD = `
if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[1], ARGV[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return 1
`;

type ScriptedRedis = Redis & {
  fsAdmit(stockKey: string, takenKey: string, memberId: number, quantity: number, limit: number): Promise<number>;
  fsGiveBack(stockKey: string, takenKey: string, memberId: number, quantity: number): Promise<number>;
  fsLoad(stockKey: string, takenKey: string, onlyIfMissing: string, stockLeft: number, ...pairs: (string | number)[]): Promise<number>;
};

/**
 * The gate for several server instances: one Redis, the rule as a Lua script (atomic on the Redis
 * server). Keys live under a namespace per database, so two deployments (or test databases) sharing
 * a Redis never see each other's events.
 */
export class RedisAdmissionGate implements AdmissionGate {
  readonly kind = 'redis' as const;
  private readonly redis: ScriptedRedis;

  /** `redis` is the app's shared connection (common/redis), closed by its owner. */
  constructor(
    redis: Redis,
    private readonly namespace: string,
  ) {
    redis.defineCommand('fsAdmit', { numberOfKeys: 2, lua: ADMIT });
    redis.defineCommand('fsGiveBack', { numberOfKeys: 2, lua: GIVE_BACK });
    redis.defineCommand('fsLoad', { numberOfKeys: 2, lua: LOAD });
    this.redis = redis as ScriptedRedis;
  }

  private keys(eventId: number): [string, string] {
    return [`${this.namespace}:fs:${eventId}:stock`, `${this.namespace}:fs:${eventId}:taken`];
  }

  async admit(eventId: number, memberId: number, quantity: number, limit: number, load: () => Promise<AdmissionSnapshot>): Promise<AdmissionVerdict> {
    const [stockKey, takenKey] = this.keys(eventId);
    let result = await this.redis.fsAdmit(stockKey, takenKey, memberId, quantity, limit);
    if (result === -1) {
      await this.write(await load(), true);
      result = await this.redis.fsAdmit(stockKey, takenKey, memberId, quantity, limit);
    }
    if (result === 1) return 'admitted';
    if (result === -2) return 'limit';
    return 'sold_out';
  }

  async giveBack(eventId: number, memberId: number, quantity: number): Promise<void> {
    const [stockKey, takenKey] = this.keys(eventId);
    await this.redis.fsGiveBack(stockKey, takenKey, memberId, quantity);
  }

  async adjustStock(eventId: number, delta: number): Promise<void> {
    const [stockKey] = this.keys(eventId);
    if (await this.redis.exists(stockKey)) await this.redis.incrby(stockKey, delta);
  }

  async has(eventId: number): Promise<boolean> {
    return (await this.redis.exists(this.keys(eventId)[0])) === 1;
  }

  async resync(snapshot: AdmissionSnapshot): Promise<void> {
    await this.write(snapshot, false);
  }

  async peek(eventId: number) {
    const [stockKey, takenKey] = this.keys(eventId);
    const [stock, taken] = await Promise.all([this.redis.get(stockKey), this.redis.hgetall(takenKey)]);
    if (stock === null) return null;
    return { stockLeft: Number(stock), taken: new Map(Object.entries(taken).map(([m, n]) => [Number(m), Number(n)])) };
  }

  /** Drops the event's keys, as a Redis restart without persistence would (tests and ops use it). */
  async forget(eventId: number): Promise<void> {
    await this.redis.del(...this.keys(eventId));
  }

  async close(): Promise<void> {
    // The connection is the app's (common/redis), closed at shutdown.
  }

  private async write(snapshot: AdmissionSnapshot, onlyIfMissing: boolean): Promise<void> {
    const [stockKey, takenKey] = this.keys(snapshot.eventId);
    const pairs: (string | number)[] = [];
    for (const [memberId, taken] of snapshot.taken) if (taken > 0) pairs.push(memberId, taken);
    await this.redis.fsLoad(stockKey, takenKey, onlyIfMissing ? '1' : '0', snapshot.stockLeft, ...pairs);
  }
}
