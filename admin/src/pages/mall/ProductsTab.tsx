import { useRef, useState } from 'react';
import { Button, Image, Popconfirm, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ProForm,
  ProFormDigit,
  ProFormRadio,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { canTransition, PRODUCT_STATES, type CategoryView, type Fen, type ProductStatus, type ProductSummary, type SkuView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { ImageUpload } from '../../components/ImageUpload';
import { stateValueEnum } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { useAction } from '../../components/use-action';
import { YuanInput } from '../../components/YuanInput';
import { yuan } from '../../services/format';
import { http } from '../../services/http';

/** GET /api/admin/products rows: the product and SKU rows as stored (shared has no admin product view yet). */
type AdminSku = Omit<SkuView, 'svipPriceFen'> & { productId: number; enabled: boolean };
type AdminProduct = ProductSummary & {
  status: ProductStatus;
  categoryId: number | null;
  detail: string | null;
  sortOrder: number;
  skus: AdminSku[];
};

const SHELF = stateValueEnum(PRODUCT_STATES, { on_shelf: 'Success', draft: 'Warning' });

interface SkuForm {
  priceFen: Fen;
  memberPriceFen?: Fen | null;
  stock: number;
  enabled: boolean;
}

/** What describes a product (both the new-product and the edit form). */
interface ProductFields {
  name: string;
  subtitle?: string;
  categoryId?: number | null;
  detail?: string;
  imageUploadId?: number | null;
}

interface ProductForm extends ProductFields {
  status: 'draft' | 'on_shelf';
  specs: string;
  priceFen: Fen;
  memberPriceFen?: Fen | null;
  stock: number;
}

export function ProductsTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [editing, setEditing] = useState<AdminSku | null>(null);
  const [editingProduct, setEditingProduct] = useState<AdminProduct | null>(null);
  const categories = useLoad(() => http<{ items: CategoryView[] }>('/api/admin/categories'));
  const categoryOptions = (categories.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.icon} ${c.name}`.trim() }));
  const categoryName = (id: number | null) => categories.data?.items.find((c) => c.id === id)?.name ?? '-';
  const reload = () => void table.current?.reload();

  /** Where the shelf action takes a product: on sale (a draft or a product taken down), or off the shelf. */
  const shelfTarget = (p: AdminProduct): ProductStatus => (p.status === 'on_shelf' ? 'off_shelf' : 'on_shelf');
  const toggle = async (p: AdminProduct) => {
    const to = shelfTarget(p);
    if (await run(() => http(`/api/admin/products/${p.id}`, { method: 'PATCH', body: { status: to } }), to === 'on_shelf' ? '已上架' : '已下架')) reload();
  };

  const productFields = (current?: AdminProduct | null) => (
    <>
      <ProFormText name='name' label='名称' rules={[{ required: true, whitespace: true, max: 128 }]} />
      <ProFormText name='subtitle' label='副标题' fieldProps={{ maxLength: 255 }} />
      <ProFormSelect name='categoryId' label='分类' options={categoryOptions} placeholder='选择分类' fieldProps={{ loading: categories.loading }} />
      <ProForm.Item name='imageUploadId' label='商品图片' extra='JPG、PNG 或 WebP，建议正方形，不超过 5MB'>
        <ImageUpload purpose='product' currentUrl={current?.imageUrl || null} />
      </ProForm.Item>
      <ProFormTextArea
        name='detail'
        label='商品详情'
        fieldProps={{ rows: 5, maxLength: 5000, showCount: true, placeholder: '产地、规格、保存方式、售后说明…（空行分段）' }}
      />
    </>
  );

  const columns: ProColumns<AdminProduct>[] = [
    { title: 'ID', dataIndex: 'id', width: 70 },
    {
      title: '图片',
      dataIndex: 'imageUrl',
      width: 72,
      render: (_, p) => (p.imageUrl ? <Image src={p.imageUrl} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} /> : '-'),
    },
    { title: '商品', dataIndex: 'name' },
    { title: '分类', dataIndex: 'categoryId', width: 100, render: (_, p) => categoryName(p.categoryId) },
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
      width: 120,
      render: (_, p) => [
        <a key='edit' onClick={() => setEditingProduct(p)}>
          编辑
        </a>,
        canTransition(PRODUCT_STATES.transitions, p.status, shelfTarget(p)) && (
          <Popconfirm
            key='shelf'
            title={p.status === 'on_shelf' ? '下架后会员将看不到该商品' : '上架后会员即可看到并购买，确定上架？'}
            onConfirm={() => toggle(p)}
          >
            <a>{p.status === 'on_shelf' ? '下架' : '上架'}</a>
          </Popconfirm>
        ),
      ],
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
            width={720}
            initialValues={{ specs: '标准装', stock: 100, status: 'draft' }}
            onFinish={async ({ specs, priceFen, memberPriceFen, stock, categoryId, imageUploadId, detail, status, ...product }) => {
              const sku = { specs, priceFen, stock, ...(memberPriceFen ? { memberPriceFen } : {}) };
              const done = await run(
                () =>
                  http('/api/admin/products', {
                    method: 'POST',
                    body: {
                      ...product,
                      status,
                      subtitle: product.subtitle ?? '',
                      ...(categoryId ? { categoryId } : {}),
                      ...(imageUploadId ? { imageUploadId } : {}),
                      ...(detail?.trim() ? { detail: detail.trim() } : {}),
                      skus: [sku],
                    },
                  }),
                status === 'on_shelf' ? '商品已上架' : '商品已保存为草稿，上架后会员可见',
              );
              if (done) reload();
              return done;
            }}
          >
            {productFields()}
            <ProFormRadio.Group
              name='status'
              label='保存后'
              radioType='button'
              options={[
                { value: 'draft', label: '存为草稿' },
                { value: 'on_shelf', label: '立即上架' },
              ]}
            />
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
      <EditModal<ProductFields>
        title={`编辑商品 · ${editingProduct?.name ?? ''}`}
        width={720}
        open={editingProduct !== null}
        onOpenChange={(open) => !open && setEditingProduct(null)}
        initialValues={
          editingProduct
            ? { name: editingProduct.name, subtitle: editingProduct.subtitle, categoryId: editingProduct.categoryId, detail: editingProduct.detail ?? '' }
            : undefined
        }
        onFinish={async ({ imageUploadId, categoryId, ...fields }) => {
          const body = { ...fields, categoryId: categoryId ?? null, detail: fields.detail ?? '', ...(imageUploadId ? { imageUploadId } : {}) };
          const done = await run(() => http(`/api/admin/products/${editingProduct!.id}`, { method: 'PATCH', body }), '商品已更新');
          if (done) reload();
          return done;
        }}
      >
        {productFields(editingProduct)}
      </EditModal>
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
