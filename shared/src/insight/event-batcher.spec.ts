import fc from 'fast-check';
import { EventBatcher, type BehaviourEventInput } from './event-batcher';
import { registerChannelOf, visitSourceOf, VISIT_SOURCES } from './visit-source';

/** A batcher on a fake clock and fake timers, recording what it sends. */
function harness(options: { fail?: () => boolean } = {}) {
  let now = Date.parse('2026-11-26T08:00:00.000Z');
  const timers: { fn: () => void; at: number; id: number }[] = [];
  let nextTimer = 1;
  const sent: BehaviourEventInput[][] = [];
  const batcher = new EventBatcher({
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextTimer++;
      timers.push({ fn, at: now + ms, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    send: async (events) => {
      if (options.fail?.()) throw new Error('offline');
      sent.push(events);
    },
  });
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batcher, sent, timers, advance };
}

describe('EventBatcher', () => {
  it('sends nothing until 10 s after the first event, then everything waiting in one batch', async () => {
    const { batcher, sent, advance } = harness();
    batcher.track('view', { objectId: 3 });
    await advance(4000);
    batcher.track('cart', { objectId: 3 });
    await advance(5999);
    expect(sent).toEqual([]);
    await advance(1);
    expect(sent).toHaveLength(1);
    expect(sent[0].map((e) => [e.type, e.objectId])).toEqual([
      ['view', 3],
      ['cart', 3],
    ]);
    expect(sent[0][0].at).toBe('2026-11-26T08:00:00.000Z');
    expect(batcher.pending).toBe(0);
  });

  it('sends at once when 20 events wait, without waiting for the timer', async () => {
    const { batcher, sent, advance } = harness();
    for (let i = 1; i <= 19; i++) batcher.track('view', { objectId: i });
    await advance(0);
    expect(sent).toEqual([]);
    batcher.track('view', { objectId: 20 });
    await advance(0);
    expect(sent.map((b) => b.length)).toEqual([20]);
    expect(batcher.pending).toBe(0);
  });

  it('flush() (the app hidden) sends what waits and cancels the timer; nothing is sent twice', async () => {
    const { batcher, sent, timers, advance } = harness();
    batcher.track('search', { term: '  拿铁  ' });
    batcher.track('visit', { source: 'poster', term: 'pages/index/index' });
    await batcher.flush();
    expect(timers).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0].map((e) => e.term)).toEqual(['拿铁', 'pages/index/index']);
    expect(sent[0][1].source).toBe('poster');
    await advance(20_000);
    expect(sent).toHaveLength(1);
  });

  it('a failed batch stays queued, in order, and goes with the next flush; track and flush never throw', async () => {
    let offline = true;
    const { batcher, sent, advance } = harness({ fail: () => offline });
    batcher.track('view', { objectId: 1 });
    batcher.track('view', { objectId: 2 });
    await expect(batcher.flush()).resolves.toBeUndefined();
    expect(batcher.pending).toBe(2);
    batcher.track('view', { objectId: 3 });
    offline = false;
    await advance(10_000);
    expect(sent.flat().map((e) => e.objectId)).toEqual([1, 2, 3]);
    expect(batcher.pending).toBe(0);
  });

  it('keeps at most 200 events while offline (the oldest go), and drops invalid object ids', async () => {
    const { batcher, sent } = harness();
    const offline = new EventBatcher({ send: () => Promise.reject(new Error('offline')), setTimer: () => 0, clearTimer: () => undefined });
    for (let i = 1; i <= 250; i++) offline.track('view', { objectId: i });
    await offline.flush();
    expect(offline.pending).toBe(200);
    batcher.track('view', { objectId: -1 });
    batcher.track('view', { objectId: 1.5 });
    await batcher.flush();
    expect(sent[0].map((e) => e.objectId)).toEqual([undefined, undefined]);
  });

  it('client event ids are unique and fit the server pattern', () => {
    const { batcher } = harness();
    const ids = Array.from({ length: 5000 }, () => batcher.newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[\w:.-]{8,40}$/);
  });
});

describe('visitSourceOf', () => {
  it.each([
    [1048, undefined, 'poster'],
    [1049, undefined, 'poster'],
    ['1047', undefined, 'scan'],
    [1011, undefined, 'scan'],
    [1007, undefined, 'share'],
    [1008, undefined, 'group'],
    [1044, undefined, 'group'],
    [1014, undefined, 'campaign'],
    [1043, undefined, 'campaign'],
    [1005, undefined, 'search'],
    [1001, undefined, 'direct'],
    [undefined, undefined, 'direct'],
    ['abc', undefined, 'direct'],
    [1001, 'campaign', 'campaign'],
    [1048, 'group', 'group'],
    [1048, 'evil', 'poster'],
  ])('scene %p with src %p → %s', (scene, src, expected) => {
    expect(visitSourceOf(scene, src)).toBe(expected);
  });
});

describe('registerChannelOf', () => {
  it.each([
    [null, null],
    ['', null],
    ['s1', 'poster'],
    ['s12u34', 'poster'],
    ['r42', 'share'],
    ['campaign', 'campaign'],
    ['group', 'group'],
    ['s0', 'direct'],
    ['1048', 'direct'],
    ['whatever', 'direct'],
  ])('%p → %p', (scene, channel) => {
    expect(registerChannelOf(scene)).toBe(channel);
  });

  it('always answers a known channel or null, never the raw scene', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 40 })), (scene) => {
        const channel = registerChannelOf(scene);
        expect(channel === null || (VISIT_SOURCES as readonly string[]).includes(channel)).toBe(true);
      }),
    );
  });
});
