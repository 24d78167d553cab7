import { useState } from 'react';
import { Button, Image, Modal, Space, Typography } from 'antd';
import { DownloadOutlined, QrcodeOutlined } from '@ant-design/icons';
import { fetchStorePoster } from './community-api';

/** 门店活码: the brand's one poster code (stable scene), shown and downloadable for print. */
export function StorePosterButton() {
  const [poster, setPoster] = useState<{ image: string; scene: string; page: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const open = async () => {
    setLoading(true);
    try {
      setPoster(await fetchStorePoster());
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Button icon={<QrcodeOutlined />} loading={loading} onClick={() => void open()} data-testid='store-poster'>
        门店活码海报
      </Button>
      <Modal title='门店活码（全品牌一张）' open={poster !== null} onCancel={() => setPoster(null)} footer={null} width={420}>
        {poster && (
          <Space direction='vertical' align='center' style={{ width: '100%' }}>
            <Image src={poster.image} width={280} preview={false} alt='门店活码' data-testid='store-poster-image' />
            <Typography.Paragraph type='secondary' style={{ textAlign: 'center', marginBottom: 0 }}>
              会员扫码后按定位进入最近的营业门店导购；未授权定位或附近无门店时，进入其绑定门店。
            </Typography.Paragraph>
            <Typography.Text type='secondary'>
              scene={poster.scene} · {poster.page}
            </Typography.Text>
            <Button type='primary' icon={<DownloadOutlined />} href={poster.image} download='门店活码.png'>
              下载海报二维码
            </Button>
          </Space>
        )}
      </Modal>
    </>
  );
}
