import { useRef, useState } from 'react';
import { Button, Image, Popconfirm, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ProForm, ProFormDigit, ProFormSwitch, ProFormText, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { Fen, ProductSummary, SkuView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { labelValueEnum } from '../../components/status';
import { useAction } from '../../components/use-action';
import { YuanInput } from '../../components/YuanInput';
import { yuan } from '../../services/format';
import { http } from '../../services/http';

/** GET /api/admin/products rows: the product and SKU rows as stored (shared has no admin product view yet). */
type AdminSku = Omit<SkuView, 'svipPriceFen'> & { productId: number; enabled: boolean };
type AdminProduct = ProductSummary & {
  status: 'on_shelf' | 'off_shelf';
  sortOrder: number;
  skus: AdminSku[];
};

const SHELF = labelValueEnum({ on_shelf: '在售', off_shelf: '已下架' }, { on_shelf: 'Success' });

interface SkuForm {
  priceFen: Fen;
  memberPriceFen?: Fen | null;
  stock: number;
  enabled: boolean;
}

interface ProductForm {
  name: string;
  subtitle?: string;
  imageUrl?: string;
  specs: string;
  priceFen: Fen;
  memberPriceFen?: Fen | null;
  stock: number;
}

export function ProductsTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [editing, setEditing] = useState<AdminSku | null>(null);
  const reload = () => void table.current?.reload();

  const toggle = async (p: AdminProduct) => {
    const on = p.status !== 'on_shelf';
    if (
      await run(
        () =>
          http(`/api/admin/products/${p.id}`, {
            method: 'PATCH',
            body: { status: on ? 'on_shelf' : 'off_shelf' },
          }),
        on ? '已上架' : '已下架',
      )
    )
      reload();
  };

  const columns: ProColumns<AdminProduct>[] = [
    { title: 'ID', dataIndex: 'id', width: 70 },
    {
      title: '图片',
      dataIndex: 'imageUrl',
      width: 72,
      render: (_, p) => (p.imageUrl ? <Image src={p.imageUrl} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} /> : '-'),
    },
    { title: '商品', dataIndex: 'name' },
    { title: '副标题', dataIndex: 'subtitle', ellipsis: true },
    { title: '起售价', dataIndex: 'priceFen', align: 'right', render: (_, p) => yuan(p.priceFen) },
    {
      title: '会员价',
      dataIndex: 'memberPriceFen',
      align: 'right',
      render: (_, p) => yuan(p.memberPriceFen),
    },
    {
      title: '总库存',
      dataIndex: 'stock',
      align: 'right',
      render: (_, p) => (p.stock > 0 ? p.stock : <Tag color='red'>售罄</Tag>),
    },
    { title: '状态', dataIndex: 'status', valueEnum: SHELF, filters: true, onFilter: true, width: 100 },
    {
      title: '操作',
      valueType: 'option',
      width: 90,
      render: (_, p) => (
        <Popconfirm title={p.status === 'on_shelf' ? '下架后会员将看不到该商品' : '上架该商品？'} onConfirm={() => toggle(p)}>
          <a>{p.status === 'on_shelf' ? '下架' : '上架'}</a>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <AdminTable<AdminProduct>
        tableKey='products'
        ghost
        actionRef={table}
        columns={columns}
        request={() => allRows(http<{ items: AdminProduct[] }>('/api/admin/products'))}
        expandable={{
          expandedRowRender: (p) => (
            <Table<AdminSku>
              rowKey='id'
              size='small'
              pagination={false}
              dataSource={p.skus}
              columns={[
                { title: '规格', dataIndex: 'specs' },
                { title: '售价', dataIndex: 'priceFen', align: 'right', render: (v: Fen) => yuan(v) },
                {
                  title: '会员价',
                  dataIndex: 'memberPriceFen',
                  align: 'right',
                  render: (v: Fen | null) => yuan(v),
                },
                {
                  title: '库存',
                  dataIndex: 'stock',
                  align: 'right',
                  render: (v: number) => (v > 0 ? v : <Tag color='red'>售罄</Tag>),
                },
                {
                  title: '状态',
                  dataIndex: 'enabled',
                  render: (v: boolean) => (v ? <Tag color='green'>启用</Tag> : <Tag>停用</Tag>),
                },
                { title: '操作', key: 'edit', render: (_, s) => <a onClick={() => setEditing(s)}>编辑</a> },
              ]}
            />
          ),
        }}
        toolBarRender={() => [
          <EditModal<ProductForm>
            key='new'
            title='新增商品'
            trigger={
              <Button type='primary' icon={<PlusOutlined />}>
                新增商品
              </Button>
            }
            initialValues={{ specs: '标准装', stock: 100 }}
            onFinish={async ({ specs, priceFen, memberPriceFen, stock, ...product }) => {
              const sku = { specs, priceFen, stock, ...(memberPriceFen ? { memberPriceFen } : {}) };
              const done = await run(
                () =>
                  http('/api/admin/products', {
                    method: 'POST',
                    body: {
                      ...product,
                      subtitle: product.subtitle ?? '',
                      imageUrl: product.imageUrl ?? '',
                      skus: [sku],
                    },
                  }),
                '商品已上架',
              );
              if (done) reload();
              return done;
            }}
          >
            <ProFormText name='name' label='名称' rules={[{ required: true, max: 128 }]} />
            <ProFormText name='subtitle' label='副标题' fieldProps={{ maxLength: 255 }} />
            <ProFormText name='imageUrl' label='图片地址' placeholder='/static/products/coffee.svg' />
            <ProForm.Group title='首个规格'>
              <ProFormText name='specs' label='规格' rules={[{ required: true, max: 64 }]} width='sm' />
              <ProForm.Item name='priceFen' label='售价（元）' rules={[{ required: true, message: '请输入售价' }]}>
                <YuanInput min={1} />
              </ProForm.Item>
              <ProForm.Item name='memberPriceFen' label='会员价（元）'>
                <YuanInput min={1} />
              </ProForm.Item>
              <ProFormDigit name='stock' label='库存' rules={[{ required: true }]} min={0} fieldProps={{ precision: 0 }} width='xs' />
            </ProForm.Group>
          </EditModal>,
        ]}
      />
      <EditModal<SkuForm>
        title={`编辑规格 · ${editing?.specs ?? ''}`}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initialValues={
          editing
            ? {
                priceFen: editing.priceFen,
                memberPriceFen: editing.memberPriceFen,
                stock: editing.stock,
                enabled: editing.enabled,
              }
            : undefined
        }
        onFinish={async ({ memberPriceFen, ...v }) => {
          const done = await run(
            () =>
              http(`/api/admin/skus/${editing!.id}`, {
                method: 'PATCH',
                body: { ...v, ...(memberPriceFen ? { memberPriceFen } : {}) },
              }),
            '规格已更新',
          );
          if (done) reload();
          return done;
        }}
      >
        <ProForm.Group>
          <ProForm.Item name='priceFen' label='售价（元）' rules={[{ required: true, message: '请输入售价' }]}>
            <YuanInput min={1} />
          </ProForm.Item>
          <ProForm.Item name='memberPriceFen' label='会员价（元）'>
            <YuanInput min={1} />
          </ProForm.Item>
          <ProFormDigit name='stock' label='库存' rules={[{ required: true }]} min={0} fieldProps={{ precision: 0 }} width='xs' />
          <ProFormSwitch name='enabled' label='启用' />
        </ProForm.Group>
      </EditModal>
    </>
  );
}
