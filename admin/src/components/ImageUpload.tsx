import { useState } from 'react';
import { App, Button, Image, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadView } from '@mall/shared';
import { uploadImage } from '../services/http';

const ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX_MB = 5;

/**
 * A form field holding an upload id: the operator picks an image, it is uploaded at once (the server checks type and size),
 * and the form keeps its id. `currentUrl` shows what the record has now.
 */
export function ImageUpload({
  value,
  onChange,
  purpose,
  currentUrl,
}: {
  value?: number | null;
  onChange?: (uploadId: number | null) => void;
  purpose: 'product' | 'cover' | 'group_qr';
  currentUrl?: string | null;
}) {
  const { message } = App.useApp();
  const [uploaded, setUploaded] = useState<UploadView | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = value && uploaded?.id === value ? uploaded.url : currentUrl;
  return (
    <Space align='center'>
      {shown ? (
        <Image src={shown} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} data-testid='image-preview' />
      ) : (
        <div style={{ width: 72, height: 72, borderRadius: 6, background: '#f5f5f5', display: 'grid', placeItems: 'center', color: '#bbb' }}>无图</div>
      )}
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        beforeUpload={async (file) => {
          if (file.size > MAX_MB * 1024 * 1024) {
            void message.error(`图片不能超过 ${MAX_MB}MB`);
            return Upload.LIST_IGNORE;
          }
          setBusy(true);
          try {
            const view = await uploadImage(file, purpose);
            setUploaded(view);
            onChange?.(view.id);
          } catch (error) {
            void message.error((error as Error).message);
          } finally {
            setBusy(false);
          }
          // Uploaded by us above; antd's own request is not used.
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {shown ? '更换图片' : '上传图片'}
        </Button>
      </Upload>
    </Space>
  );
}
