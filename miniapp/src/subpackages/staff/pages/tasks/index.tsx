import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { ApiError, beijingMinute } from '@mall/shared';
import { AppButton } from '@/components/app-button';
import { PageFrame } from '@/components/page-frame';
import { usePageData } from '@/hooks/use-page-data';
import { staff } from '@/stores/staff.store';
import '@/subpackages/staff/pages/staff.scss';

/** 今日任务: the guide's open follow-up tasks from campaigns, overdue first; 完成 records what came of it. */
export default function StaffTasksPage() {
  const page = usePageData(async () => (await staff.tasks('open')).items);
  const [editing, setEditing] = useState<number | null>(null);
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);

  const complete = async (id: number) => {
    setBusy(true);
    try {
      await staff.completeTask(id, outcome.trim());
      setEditing(null);
      setOutcome('');
      void Taro.showToast({ title: '已完成', icon: 'success' });
      page.setData((rows) => (rows ?? []).filter((t) => t.id !== id));
    } catch (e) {
      if (e instanceof ApiError) void Taro.showModal({ title: '提交失败', content: e.message, showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame
      page={page}
      skeleton='list'
      empty={{ when: (rows) => rows.length === 0, icon: '✅', title: '今天没有待办任务', hint: '营销活动分配的会员跟进任务会出现在这里' }}
    >
      {(rows) => (
        <View className='staff-member'>
          {rows.map((t) => (
            <View key={t.id} className='staff-task' data-testid='staff-task'>
              <View className='staff-row'>
                <View className='staff-row__main' onClick={() => void Taro.navigateTo({ url: `/subpackages/staff/pages/member/index?id=${t.memberId}` })}>
                  <Text className='staff-row__title'>{t.reason}</Text>
                  <Text className='staff-row__sub'>
                    {t.memberName} · {beijingMinute(t.dueAt)} 前完成
                  </Text>
                </View>
                {t.overdue ? <Text className='staff-tag staff-tag--warn'>已逾期</Text> : <Text className='staff-tag staff-tag--gold'>待跟进</Text>}
              </View>
              {t.script && <Text className='staff-task__script'>话术：{t.script}</Text>}
              {editing === t.id ? (
                <View className='staff-task__done'>
                  <Input
                    className='staff-manual__input'
                    maxlength={100}
                    placeholder='跟进结果，如：已电话联系，下周到店'
                    value={outcome}
                    onInput={(e) => setOutcome(e.detail.value)}
                  />
                  <View className='staff-manual__buttons'>
                    <AppButton kind='ghost' onClick={() => setEditing(null)}>
                      取消
                    </AppButton>
                    <AppButton loading={busy} disabled={!outcome.trim()} onClick={() => void complete(t.id)}>
                      提交
                    </AppButton>
                  </View>
                </View>
              ) : (
                <Text
                  className='staff-task__action'
                  onClick={() => {
                    setEditing(t.id);
                    setOutcome('');
                  }}
                >
                  完成
                </Text>
              )}
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
