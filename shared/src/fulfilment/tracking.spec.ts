import { CARRIERS, normalizeTrackingNo, trackingNoProblem } from './carriers';
import { simulatedTracking } from './tracking';

describe('tracking numbers', () => {
  it.each([
    ['SF', 'SF1234567890123', null],
    ['SF', 'sf 1234 5678 90123', null],
    ['ZTO', '773012345678901', null],
    ['JD', 'JDVA12345678901', null],
    ['EMS', 'EA123456789CN', null],
    ['JTSDEX', 'JT1234567890123', null],
    ['ZTO', '13800138000', '这不像中通快递的单号，请核对'],
    ['JD', '773012345678901', '这不像京东物流的单号，请核对'],
    ['SF', '顺丰123', '快递单号只能包含字母和数字'],
    ['XX', '773012345678901', '请选择快递公司'],
    ['YTO', '  ', '请填写快递单号'],
  ])('%s %s', (carrier, no, problem) => {
    expect(trackingNoProblem(carrier, no)).toBe(problem);
  });

  it('every carrier has a unique code and a name', () => {
    expect(new Set(CARRIERS.map((c) => c.code)).size).toBe(CARRIERS.length);
    expect(normalizeTrackingNo('jt-123 456')).toBe('JT123456');
  });
});

describe('simulated tracking', () => {
  const q = { carrierCode: 'SF', trackingNo: 'SF1234567890123', shippedAt: new Date('2026-11-01T02:00:00Z'), destination: '上海市 静安区' };

  it('is deterministic and reveals events over time, newest first', () => {
    const at = (h: number) => new Date(q.shippedAt.getTime() + h * 3600_000);
    expect(simulatedTracking(q, at(0.5))).toEqual([]);
    expect(simulatedTracking(q, at(2)).map((e) => e.stage)).toEqual(['collected']);
    expect(simulatedTracking(q, at(30)).map((e) => e.stage)).toEqual(['in_transit', 'in_transit', 'collected']);
    const all = simulatedTracking(q, at(48));
    expect(all.map((e) => e.stage)).toEqual(['signed', 'delivering', 'in_transit', 'in_transit', 'collected']);
    expect(simulatedTracking(q, at(48))).toEqual(all);
    expect(all[0].description).toContain('上海市静安区');
    const times = all.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
