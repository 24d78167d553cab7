import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import type { AdminMemberListItem } from '@mall/shared';
import { memberLabel, searchMembers } from '../services/members';

const DEBOUNCE_MS = 300;

/** Picks a member by phone digits, nickname or id (typed), searching the server as the operator types. */
export function MemberPicker({
  value,
  onChange,
  placeholder = '手机号 / 昵称 / 会员 ID',
  width = 320,
}: {
  value?: number | null;
  onChange?: (id: number | null, member: AdminMemberListItem | null) => void;
  placeholder?: string;
  width?: number;
}) {
  const [options, setOptions] = useState<AdminMemberListItem[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef('');
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (text: string) => {
    clearTimeout(timer.current);
    latest.current = text;
    if (!text.trim()) return setOptions([]);
    timer.current = setTimeout(async () => {
      setSearching(true);
      try {
        const found = await searchMembers(text);
        if (latest.current === text) setOptions(found);
      } catch {
        if (latest.current === text) setOptions([]);
      } finally {
        setSearching(false);
      }
    }, DEBOUNCE_MS);
  };

  return (
    <Select<number>
      showSearch
      allowClear
      value={value ?? undefined}
      placeholder={placeholder}
      filterOption={false}
      onSearch={search}
      onChange={(id) => onChange?.(id ?? null, options.find((m) => m.id === id) ?? null)}
      notFoundContent={searching ? <Spin size='small' /> : '输入手机号、昵称或会员 ID 搜索'}
      options={options.map((m) => ({ value: m.id, label: `${memberLabel(m)}（ID ${m.id}）` }))}
      style={{ width }}
      data-testid='member-picker'
    />
  );
}
