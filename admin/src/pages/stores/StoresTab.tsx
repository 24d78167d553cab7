import { useRef, useState } from 'react';
import { Button, Image, Modal, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ProForm, ProFormDigit, ProFormText, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { AdminStoreView, StaffPerformance, StorePosterView, StoreRequest } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { BoolBadge } from '../../components/status';
import { useAction } from '../../components/use-action';
import { dateTime } from '../../services/format';
import { http } from '../../services/http';
import { PerformanceTable } from './PerformanceTable';

export function StoresTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [editing, setEditing] = useState<AdminStoreView | 'new' | null>(null);
  const [poster, setPoster] = useState<{ name: string; image: string } | null>(null);
  const [performance, setPerformance] = useState<StaffPerformance | null>(null);

  const save = async (body: StoreRequest) => {
    const done = await run(
      () =>
        editing === 'new'
          ? http('/api/admin/stores', { method: 'POST', body })
          : http(`/api/admin/stores/${(editing as AdminStoreView).id}`, { method: 'PUT', body }),
      '门店已保存',
    );
    if (done) void table.current?.reload();
    return done;
  };

  const columns: ProColumns<AdminStoreView>[] = [
    { title: 'ID', dataIndex: 'id', width: 70 },
    { title: '门店', dataIndex: 'name' },
    { title: '地址', dataIndex: 'address', ellipsis: true },
    { title: '营业时间', dataIndex: 'openingHours' },
    { title: '员工数', dataIndex: 'staffCount', align: 'right', width: 90 },
    {
      title: '状态',
      dataIndex: 'active',
      width: 100,
      render: (_, row) => <BoolBadge value={row.active} yes='营业中' no='停业' />,
    },
    {
      title: '操作',
      valueType: 'option',
      width: 200,
      render: (_, row) => [
        <a key='edit' onClick={() => setEditing(row)}>
          编辑
        </a>,
        <a key='performance' onClick={() => run(async () => setPerformance(await http<StaffPerformance>(`/api/admin/stores/${row.id}/performance`)))}>
          本月业绩
        </a>,
        <a
          key='poster'
          onClick={() =>
            run(async () =>
              setPoster({
                name: row.name,
                image: (await http<StorePosterView>(`/api/admin/stores/${row.id}/poster`)).image,
              }),
            )
          }
        >
          门店码
        </a>,
      ],
    },
  ];

  return (
    <>
      <AdminTable<AdminStoreView>
        tableKey='stores'
        ghost
        actionRef={table}
        columns={columns}
        request={() => allRows(http<{ items: AdminStoreView[] }>('/api/admin/stores'))}
        locale={{ emptyText: '还没有门店，先新建一个' }}
        toolBarRender={() => [
          <Button key='new' type='primary' icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid='store-new'>
            新建门店
          </Button>,
        ]}
      />
      <EditModal<StoreRequest>
        title={editing === 'new' ? '新建门店' : '编辑门店'}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={
          editing === 'new' || editing === null
            ? { openingHours: '10:00-22:00' }
            : { name: editing.name, address: editing.address, openingHours: editing.openingHours }
        }
        modalProps={{ okText: '保存' }}
        onFinish={save}
      >
        <ProFormText name='name' label='门店名称' rules={[{ required: true, max: 64 }]} placeholder='如：上海南京西路旗舰店' />
        <ProFormText name='address' label='地址' rules={[{ max: 255 }]} />
        <ProFormText name='openingHours' label='营业时间' rules={[{ max: 64 }]} placeholder='10:00-22:00' />
        <ProForm.Group title='位置（用于自提门店按距离排序；编辑时留空则不改）'>
          <ProFormDigit name='latitude' label='纬度' min={-90} max={90} fieldProps={{ step: 0.000001, precision: 6 }} width='sm' />
          <ProFormDigit name='longitude' label='经度' min={-180} max={180} fieldProps={{ step: 0.000001, precision: 6 }} width='sm' />
        </ProForm.Group>
      </EditModal>
      <Modal title={`${poster?.name ?? ''} · 门店码`} open={poster !== null} onCancel={() => setPoster(null)} footer={null}>
        {poster && <Image src={poster.image} width={280} preview={false} />}
        <Typography.Paragraph type='secondary'>新顾客扫此码注册，自动绑定到本门店（不指定导购）。</Typography.Paragraph>
      </Modal>
      <Modal
        title={`${performance?.store.name ?? ''} · 本月导购业绩`}
        open={performance !== null}
        onCancel={() => setPerformance(null)}
        footer={null}
        width={820}
      >
        {performance && (
          <Space direction='vertical' style={{ width: '100%' }}>
            <Typography.Text type='secondary'>
              统计区间：{dateTime(performance.from)} 至 {dateTime(performance.to)}（北京时间）
            </Typography.Text>
            <PerformanceTable rows={performance.rows} />
          </Space>
        )}
      </Modal>
    </>
  );
}
