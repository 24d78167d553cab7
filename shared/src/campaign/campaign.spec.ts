import fc from 'fast-check';
import { canTransition } from '../state/transitions';
import { CAMPAIGN_STATES, STAFF_TASK_STATES, inControlGroup, validateCampaign, type CampaignDefinitionInput } from './campaign';

const NOW = new Date('2026-11-26T08:00:00Z');
const valid: CampaignDefinitionInput = {
  name: '沉睡唤醒',
  segmentId: 1,
  schedule: { kind: 'now' },
  actions: [{ type: 'coupon', couponTemplateId: 3 }],
  controlPercent: 10,
  attributionDays: 7,
  throttlePerMinute: 600,
};

describe('campaign rules', () => {
  it('accepts a sound definition and names each problem of a bad one', () => {
    expect(validateCampaign(valid, NOW)).toEqual([]);
    const bad = validateCampaign(
      {
        ...valid,
        name: '',
        controlPercent: 80,
        schedule: { kind: 'at', at: '2020-01-01T00:00:00Z' },
        actions: [
          { type: 'banner', kind: 'popup', title: '双十一', body: '', link: 'https://evil.example', days: 3 },
          { type: 'points', points: 0 },
        ],
      },
      NOW,
    );
    expect(bad.map((e) => e.path)).toEqual(['name', 'controlPercent', 'schedule.at', 'actions[0]', 'actions[1]']);
    expect(validateCampaign({ ...valid, segmentId: null }, NOW).map((e) => e.path)).toEqual(['segmentId']);
    expect(validateCampaign({ ...valid, segmentId: null, schedule: { kind: 'trigger', trigger: { kind: 'birthday' } } }, NOW)).toEqual([]);
    expect(validateCampaign({ ...valid, schedule: { kind: 'trigger', trigger: { kind: 'date', monthDay: '13-01' } } }, NOW)[0].path).toBe(
      'schedule.trigger.monthDay',
    );
  });

  it('the control group is stable and close to its share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 50 }), (campaignId, percent) => {
        const held = Array.from({ length: 2000 }, (_, i) => inControlGroup(campaignId, i + 1, percent)).filter(Boolean).length;
        expect(inControlGroup(campaignId, 7, percent)).toBe(inControlGroup(campaignId, 7, percent));
        if (percent === 0) expect(held).toBe(0);
        else expect(Math.abs(held / 2000 - percent / 100)).toBeLessThan(0.05);
      }),
      { numRuns: 40 },
    );
  });

  it('a follow-up task is done once', () => {
    expect(canTransition(STAFF_TASK_STATES.transitions, 'open', 'done')).toBe(true);
    expect(canTransition(STAFF_TASK_STATES.transitions, 'done', 'open')).toBe(false);
    expect(STAFF_TASK_STATES.labels).toEqual({ open: '待跟进', done: '已完成' });
  });

  it('a finished or cancelled campaign never runs again', () => {
    for (const to of ['running', 'scheduled', 'paused'] as const) {
      expect(canTransition(CAMPAIGN_STATES.transitions, 'finished', to)).toBe(false);
      expect(canTransition(CAMPAIGN_STATES.transitions, 'cancelled', to)).toBe(false);
    }
  });
});
