import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { fetchWarningDigests, type WarningDigestView } from '../pages/community/community-api';

/** The daily warning list sent to ops (group codes expiring within 24 h, low pools): the latest day's count on the bell. */
export function WarningBell() {
  const [digests, setDigests] = useState<WarningDigestView[]>([]);
  useEffect(() => {
    fetchWarningDigests()
      .then((r) => setDigests(r.items))
      .catch(() => setDigests([]));
  }, []);
  const latest = digests[0];
  const content = (
    <div style={{ width: 340, maxHeight: 420, overflow: 'auto' }} data-testid='warning-bell-list'>
      {digests.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description='暂无每日预警' />
      ) : (
        <List
          size='small'
          dataSource={digests}
          renderItem={(d) => (
            <List.Item style={{ display: 'block' }}>
              <Typography.Text strong>{d.day} 社群群码预警</Typography.Text>
              <Typography.Text type='secondary' style={{ marginLeft: 8 }}>
                {d.total} 条
              </Typography.Text>
              {d.groups.map((g) => (
                <div key={g.groupId} style={{ fontSize: 12, marginTop: 4 }}>
                  <Link to='/community'>{g.groupName}</Link>：{g.warnings.map((w) => w.message).join('；')}
                </div>
              ))}
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover title='每日预警' trigger='click' placement='bottomRight' content={content}>
      <Badge count={latest?.total ?? 0} size='small' offset={[-4, 4]}>
        <Button type='text' icon={<BellOutlined />} aria-label='每日预警' data-testid='warning-bell' />
      </Badge>
    </Popover>
  );
}
