import { App, Divider } from 'antd';
import { ProForm, ProFormDigit, ProFormSelect, ProFormSwitch } from '@ant-design/pro-components';
import type { PointsSettingsView } from '@mall/shared';
import { useAction } from '../../components/use-action';
import { http } from '../../services/http';

const int = { precision: 0 };

export function RulesTab() {
  const run = useAction();
  const { message } = App.useApp();
  return (
    <ProForm<PointsSettingsView>
      layout='vertical'
      grid
      colProps={{ span: 6 }}
      request={() =>
        http<PointsSettingsView>('/api/admin/points/settings').catch((e: Error) => {
          void message.error(e.message);
          return {} as PointsSettingsView;
        })
      }
      onFinish={(body) => run(() => http('/api/admin/points/settings', { method: 'PUT', body }), '积分规则已保存')}
      submitter={{ searchConfig: { submitText: '保存规则' }, resetButtonProps: false }}
    >
      <Divider orientation='left' plain style={{ marginTop: 0 }}>
        获取
      </Divider>
      <ProFormSwitch name='spendEarnEnabled' label='消费得积分' />
      <ProFormDigit name='basePerYuan' label='消费得积分（每元）' min={0} max={100} fieldProps={int} />
      <ProFormDigit name='firstOrderPoints' label='首单奖励' min={0} fieldProps={int} />
      <ProFormDigit name='profilePoints' label='完善资料奖励' min={0} fieldProps={int} />
      <ProFormDigit name='referralPoints' label='邀请好友首单奖励（0 关闭）' min={0} max={100000} fieldProps={int} />
      <ProFormSwitch name='signInEnabled' label='签到' />
      <ProFormDigit name='signInPoints' label='每日签到积分' min={0} fieldProps={int} />
      <ProFormDigit name='signInStreakBonus' label='连签 7 天奖励' min={0} fieldProps={int} />
      <ProFormDigit name='dailyCap' label='每日上限（0 不限）' min={0} fieldProps={int} />
      <ProFormDigit name='monthlyCap' label='每月上限（0 不限）' min={0} fieldProps={int} />
      <Divider orientation='left' plain>
        使用与有效期
      </Divider>
      <ProFormDigit name='deductPointsPerYuan' label='抵扣：多少积分 = ¥1' min={1} fieldProps={int} />
      <ProFormDigit name='deductMaxShareBps' label='最多抵扣订单（‱）' min={0} max={10000} fieldProps={int} />
      <ProFormSelect
        name='expiryKind'
        label='有效期规则'
        allowClear={false}
        options={[
          { value: 'rolling', label: '获得后 N 个月' },
          { value: 'annual', label: '每年固定日期清零（次年）' },
        ]}
      />
      <ProFormDigit name='expiryMonths' label='N 个月' min={1} max={60} fieldProps={int} />
      <ProFormDigit name='annualClearMonth' label='清零月' min={1} max={12} fieldProps={int} />
      <ProFormDigit name='annualClearDay' label='清零日' min={1} max={31} fieldProps={int} />
      <ProFormDigit name='remindDaysBefore' label='过期前提醒（天）' min={1} max={60} fieldProps={int} />
    </ProForm>
  );
}
