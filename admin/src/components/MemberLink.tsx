import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Typography } from 'antd';
import { memberLabel, memberName, type MemberName } from '../services/members';

/**
 * A member shown by name and masked phone (never a bare id), linking to their detail page.
 * Names are fetched in one batched request per table render.
 */
export function MemberLink({ id, name }: { id: number; name?: MemberName }) {
  const [member, setMember] = useState<MemberName | null | undefined>(name);
  useEffect(() => {
    if (name) return;
    let live = true;
    void memberName(id).then((m) => live && setMember(m));
    return () => {
      live = false;
    };
  }, [id, name]);
  return (
    <Link to={`/members/${id}`} data-testid='member-link'>
      {member ? memberLabel(member) : <Typography.Text type='secondary'>会员 #{id}</Typography.Text>}
    </Link>
  );
}
