import { KeyedSemaphore } from './writer-semaphore';

describe('KeyedSemaphore', () => {
  it('never runs more than max at once per key, runs everyone, and keys are independent', async () => {
    const sem = new KeyedSemaphore(3);
    let active = 0;
    let peak = 0;
    let otherPeak = 0;
    const work = (key: string) =>
      sem.run(key, async () => {
        if (key === 'a') {
          active += 1;
          peak = Math.max(peak, active);
        } else otherPeak = Math.max(otherPeak, sem.active('b'));
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        if (key === 'a') active -= 1;
        return key;
      });
    const results = await Promise.all([...Array.from({ length: 40 }, () => work('a')), ...Array.from({ length: 10 }, () => work('b'))]);
    expect(results.filter((r) => r === 'a')).toHaveLength(40);
    expect(peak).toBe(3);
    expect(otherPeak).toBeLessThanOrEqual(3);
    expect(sem.active('a')).toBe(0);
  });

  it('a failing job frees its slot', async () => {
    const sem = new KeyedSemaphore(1);
    await expect(sem.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await sem.run('a', async () => 1)).toBe(1);
  });
});
