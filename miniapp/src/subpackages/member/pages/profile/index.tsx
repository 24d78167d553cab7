import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Input, Picker, Text, View } from '@tarojs/components';
import {
  beijingDate,
  GENDER_LABELS,
  PROFILE_FIELD_LABELS,
  PROFILE_FIELDS,
  type Gender,
  type MemberProfile,
  type PointsSummary,
  type UpdateProfileRequest,
} from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { RegionField } from '@/components/region-field';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { fetchMe, updateProfile, uploadAvatar } from '@/services/member.api';
import { fetchPoints } from '@/services/points.api';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';

const GENDERS: Gender[] = ['male', 'female'];
const BIRTHDAY_LOCKED = '生日设置后不可修改，如需修改请联系门店';

interface ProfileData {
  me: MemberProfile;
  points: PointsSummary;
}

export default function ProfilePage() {
  const setMember = useSessionStore((s) => s.setMember);
  const page = usePageData<ProfileData>(async () => {
    const [me, points] = await Promise.all([fetchMe(), fetchPoints()]);
    setMember(me);
    return { me, points };
  });
  const [saving, setSaving] = useState<keyof UpdateProfileRequest | 'avatar' | null>(null);

  /** Saves one field; the server's answer (with what is still missing) replaces the shown profile. */
  const save = async (field: keyof UpdateProfileRequest | 'avatar', changes: UpdateProfileRequest, done = '已保存') => {
    const wasComplete = page.data?.me.missing.length === 0;
    setSaving(field);
    try {
      const me = await updateProfile(changes);
      setMember(me);
      page.setData((shown) => ({ points: shown!.points, me }));
      const completed = !wasComplete && me.missing.length === 0;
      void Taro.showToast({ title: completed ? '资料已完善' : done, icon: 'success' });
      return true;
    } catch {
      return false; // the request wrapper toasted the reason
    } finally {
      setSaving(null);
    }
  };

  const changeAvatar = async (filePath: string) => {
    setSaving('avatar');
    try {
      const upload = await uploadAvatar(filePath, () => useSessionStore.getState().tokens?.accessToken ?? null);
      await save('avatar', { avatarUploadId: upload.id }, '头像已更新');
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message || '上传失败', icon: 'none' });
    } finally {
      setSaving(null);
    }
  };

  const pickAvatarOnH5 = async () => {
    try {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      if (picked.tempFilePaths[0]) await changeAvatar(picked.tempFilePaths[0]);
    } catch {
      // the member closed the picker
    }
  };

  const setBirthday = async (birthday: string) => {
    const { confirm } = await Taro.showModal({
      title: '确认生日',
      content: `生日将设置为 ${birthday}。${BIRTHDAY_LOCKED}。`,
      confirmText: '确认设置',
      cancelText: '再看看',
    });
    if (confirm) await save('birthday', { birthday }, '生日已设置');
  };

  return (
    <PageFrame page={page} className='page profile-page'>
      {({ me, points }) => {
        const filled = PROFILE_FIELDS.length - me.missing.length;
        const percent = Math.round((filled * 100) / PROFILE_FIELDS.length);
        const avatar = me.avatarUrl ? (
          <Image className='profile-head__image' src={/^https?:/.test(me.avatarUrl) ? me.avatarUrl : `${API_BASE_URL}${me.avatarUrl}`} mode='aspectFill' />
        ) : (
          <Text className='profile-head__initial'>{me.nickname.slice(0, 1)}</Text>
        );
        return (
          <>
            <View className='profile-head'>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className='profile-head__avatar' openType='chooseAvatar' onChooseAvatar={(e) => void changeAvatar(e.detail.avatarUrl)}>
                  {avatar}
                </Button>
              ) : (
                <View className='profile-head__avatar' onClick={() => void pickAvatarOnH5()}>
                  {avatar}
                </View>
              )}
              <View className='profile-head__who'>
                <Text className='profile-head__name'>{me.nickname}</Text>
                <Text className='profile-head__hint'>{saving === 'avatar' ? '头像上传中…' : '点击头像更换'}</Text>
              </View>
            </View>

            <View className='profile-progress'>
              <View className='profile-progress__top'>
                <Text className='profile-progress__title'>资料完善度</Text>
                <Text className='profile-progress__percent'>{percent}%</Text>
              </View>
              <View className='profile-progress__track'>
                <View className='profile-progress__fill' style={{ width: `${percent}%` }} />
              </View>
              <Text className='profile-progress__reward'>
                {me.missing.length === 0
                  ? points.profilePoints > 0
                    ? `资料已完善，${points.profilePoints} 积分奖励可在积分明细中查看`
                    : '资料已完善，感谢你的信任'
                  : `${points.profilePoints > 0 ? `完善全部资料可得 ${points.profilePoints} 积分 · ` : ''}还差：${me.missing.map((f) => PROFILE_FIELD_LABELS[f]).join('、')}`}
              </Text>
            </View>

            <SectionCard className='profile-form'>
              <View className='profile-row'>
                <Text className='profile-row__label'>昵称</Text>
                <NicknameInput
                  value={me.missing.includes('nickname') ? '' : me.nickname}
                  onCommit={(nickname) => void save('nickname', { nickname }, '昵称已保存')}
                />
              </View>
              <View className='profile-row' onClick={() => !me.hasPhone && void Taro.switchTab({ url: '/pages/mine/index' })}>
                <Text className='profile-row__label'>手机号</Text>
                {me.hasPhone ? <Text className='profile-row__value'>{me.phoneMasked}</Text> : <Text className='profile-row__action'>去绑定 ›</Text>}
              </View>
              <Picker
                mode='selector'
                range={GENDERS.map((g) => GENDER_LABELS[g])}
                value={Math.max(0, GENDERS.indexOf(me.gender))}
                onChange={(e) => void save('gender', { gender: GENDERS[Number(e.detail.value)] })}
              >
                <View className='profile-row profile-row--gender'>
                  <Text className='profile-row__label'>性别</Text>
                  <Text className={me.gender === 'unknown' ? 'profile-row__placeholder' : 'profile-row__value'}>
                    {me.gender === 'unknown' ? '请选择' : GENDER_LABELS[me.gender]}
                  </Text>
                  <Text className='profile-row__arrow'>›</Text>
                </View>
              </Picker>
              {me.birthday ? (
                <View className='profile-row profile-row--birthday profile-row--locked'>
                  <Text className='profile-row__label'>生日</Text>
                  <View className='profile-row__stack'>
                    <Text className='profile-row__value'>{me.birthday}</Text>
                    <Text className='profile-row__note'>{BIRTHDAY_LOCKED}</Text>
                  </View>
                </View>
              ) : (
                <Picker mode='date' value='1995-01-01' start='1900-01-01' end={beijingDate()} onChange={(e) => void setBirthday(e.detail.value)}>
                  <View className='profile-row profile-row--birthday'>
                    <Text className='profile-row__label'>生日</Text>
                    <View className='profile-row__stack'>
                      <Text className='profile-row__placeholder'>{saving === 'birthday' ? '保存中…' : '请选择（设置后不可修改）'}</Text>
                    </View>
                    <Text className='profile-row__arrow'>›</Text>
                  </View>
                </Picker>
              )}
              <View className='profile-row profile-row--region'>
                <Text className='profile-row__label'>所在地区</Text>
                <View className='profile-row__field'>
                  <RegionField value={me.region} onChange={(region) => void save('region', { region }, '地区已保存')} />
                </View>
              </View>
            </SectionCard>
            <Text className='profile-page__privacy muted'>你的资料仅用于会员服务与生日礼遇，不会对外公开。</Text>
          </>
        );
      }}
    </PageFrame>
  );
}

/** WeChat's nickname input (it offers the WeChat nickname) in the mini-program, a plain input on H5; saved on blur. */
function NicknameInput({ value, onCommit }: { value: string; onCommit(nickname: string): void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = (raw: string) => {
    const nickname = raw.trim();
    if (nickname && nickname !== value && nickname.length <= 32) onCommit(nickname);
  };
  return (
    <Input
      className='profile-row__input profile-row__nickname'
      type={process.env.TARO_ENV === 'weapp' ? 'nickname' : 'text'}
      maxlength={32}
      placeholder='设置昵称'
      value={draft}
      onInput={(e) => setDraft(e.detail.value)}
      onBlur={(e) => commit(e.detail.value)}
      onConfirm={(e) => commit(e.detail.value)}
    />
  );
}
