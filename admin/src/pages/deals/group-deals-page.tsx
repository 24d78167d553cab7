import { useRef } from 'react';
import { App, Button, Card, Col, Row, Space, Statistic, Tag } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  DrawerForm,
  ProForm,
  ProFormDateTimePicker,
  ProFormDigit,
  ProFormRadio,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  type ActionType,
} from '@ant-design/pro-components';
import { formatYuan, GROUP_BUY_AUDIENCE_LABELS, validateGroupBuyDeal, type GroupBuyDealStatsView, type GroupBuyDealView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { dateTime } from '../../services/format';
import { createGroupDeal, fetchGroupDeals, fetchGroupStats, fetchSkuOptions, runGroupJobs, updateGroupDeal, type SkuOption } from '../../services/group-buys';
import { EMPTY_GROUP_DEAL, toGroupDealForm, toGroupDealInput, toSharedInput, type GroupDealForm } from './group-deals-form';

function GroupDealEditor({ deal, skus, trigger, onSaved }: { deal: GroupBuyDealView | null; skus: SkuOption[]; trigger: JSX.Element; onSaved: () => void }) {
  const run = useAction();
  const { message } = App.useApp();
  return (
    <DrawerForm<GroupDealForm>
      title={deal ? `编辑拼团：${deal.name}` : '新建拼团活动'}
      trigger={trigger}
      width={640}
      drawerProps={{ destroyOnClose: true, maskClosable: false }}
      initialValues={deal ? toGroupDealForm(deal) : EMPTY_GROUP_DEAL}
      onFinish={async (v) => {
        const input = toGroupDealInput(v);
        const sku = skus.find((s) => s.value === input.skuId);
        const problems = sku ? validateGroupBuyDeal(toSharedInput(input), sku.priceFen) : [{ message: '请选择商品规格' }];
        if (problems.length > 0) {
          void message.error(problems.map((p) => p.message).join('；'));
          return false;
        }
        const done = await run(() => (deal ? updateGroupDeal(deal.id, input) : createGroupDeal(input)), deal ? '拼团活动已保存' : '拼团活动已创建');
        if (done) onSaved();
        return done;
      }}
    >
      <ProFormText name='name' label='活动名称' rules={[{ required: true, max: 40 }]} />
      <ProFormSelect name='skuId' label='商品规格' options={skus} showSearch rules={[{ required: true }]} />
      <ProForm.Group>
        <ProFormDigit name='groupPriceYuan' label='拼团价（元）' min={0.01} fieldProps={{ precision: 2 }} width='sm' rules={[{ required: true }]} />
        <ProFormDigit name='leaderDiscountYuan' label='团长再减（元）' min={0} fieldProps={{ precision: 2 }} width='sm' />
      </ProForm.Group>
      <ProForm.Group>
        <ProFormDigit name='groupSize' label='成团人数' min={2} max={10} fieldProps={{ precision: 0 }} width='xs' rules={[{ required: true }]} />
        <ProFormDigit
          name='timeLimitHours'
          label='成团时限（小时）'
          min={0.5}
          max={168}
          fieldProps={{ precision: 1 }}
          width='sm'
          rules={[{ required: true }]}
        />
      </ProForm.Group>
      <ProFormRadio.Group
        name='audience'
        label='参与人群'
        radioType='button'
        options={Object.entries(GROUP_BUY_AUDIENCE_LABELS).map(([value, label]) => ({ value, label }))}
        extra='拉新团：仅限绑定手机号且从未下单的会员，每个手机号限参加一次'
      />
      <ProForm.Group>
        <ProFormSwitch name='allowRejoin' label='允许同一会员重复参团' />
        <ProFormSwitch
          name='fillWithVirtual'
          label='虚拟成团'
          tooltip='到时未满员的团用虚拟成员补齐并成团（默认关闭）；拼团页标注「虚拟成员」，活动效果报表单独统计'
        />
        <ProFormSwitch name='enabled' label='上线' />
      </ProForm.Group>
      <ProForm.Group>
        <ProFormDateTimePicker name='startsAt' label='开始时间' rules={[{ required: true }]} />
        <ProFormDateTimePicker name='endsAt' label='结束时间' rules={[{ required: true }]} />
      </ProForm.Group>
    </DrawerForm>
  );
}

const pct = (bps: number) => `${(bps / 100).toFixed(1)}%`;

export default function GroupDealsPage() {
  const table = useRef<ActionType>();
  const run = useAction();
  const skus = useLoad(fetchSkuOptions);
  const stats = useLoad(fetchGroupStats);
  const rows = stats.data?.items ?? [];
  const sum = (key: keyof GroupBuyDealStatsView) => rows.reduce((n, r) => n + Number(r[key]), 0);
  const reload = () => {
    void table.current?.reload();
    void stats.reload();
  };
  const skuOptions = skus.data ?? [];

  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Card title='拼团实时数据' data-testid='group-stats'>
        <Row gutter={24}>
          <Col span={4}>
            <Statistic title='进行中的团' value={sum('groupsOpen')} />
          </Col>
          <Col span={4}>
            <Statistic title='已成团' value={sum('groupsCompleted')} valueStyle={{ color: '#389e0d' }} />
          </Col>
          <Col span={4}>
            <Statistic title='拼团失败' value={sum('groupsFailed')} valueStyle={{ color: '#cf1322' }} />
          </Col>
          <Col span={4}>
            <Statistic title='已支付人次' value={sum('paidMembers')} />
          </Col>
          <Col span={4}>
            <Statistic title='退款中 / 已退款' value={`${sum('refundingMembers')} / ${sum('refundedMembers')}`} />
          </Col>
          <Col span={4}>
            <Statistic title='退款金额' value={`¥${formatYuan(sum('refundedFen'))}`} />
          </Col>
        </Row>
      </Card>
      <Card title='拼团活动'>
        <AdminTable<GroupBuyDealView>
          tableKey='group-deals'
          actionRef={table}
          headerTitle='活动列表'
          toolBarRender={() => [
            <Button key='run' icon={<ThunderboltOutlined />} onClick={async () => (await run(runGroupJobs, '已处理到期拼团与退款')) && reload()}>
              处理到期拼团
            </Button>,
            <GroupDealEditor
              key='new'
              deal={null}
              skus={skuOptions}
              onSaved={reload}
              trigger={
                <Button type='primary' icon={<PlusOutlined />} data-testid='new-group-deal'>
                  新建拼团
                </Button>
              }
            />,
          ]}
          request={() => allRows(fetchGroupDeals())}
          columns={[
            { title: '名称', dataIndex: 'name', width: 160 },
            { title: '商品', dataIndex: 'productName', width: 200, render: (_, d) => `${d.productName} · ${d.specs}` },
            {
              title: '拼团价 / 原价',
              dataIndex: 'groupPriceFen',
              width: 150,
              render: (_, d) => `¥${formatYuan(d.groupPriceFen)} / ¥${formatYuan(d.skuPriceFen)}`,
            },
            { title: '团长价', dataIndex: 'leaderPriceFen', width: 100, render: (_, d) => `¥${formatYuan(d.leaderPriceFen)}` },
            { title: '人数', dataIndex: 'groupSize', width: 70 },
            { title: '时限', dataIndex: 'timeLimitMinutes', width: 90, render: (_, d) => `${d.timeLimitMinutes / 60} 小时` },
            {
              title: '人群',
              dataIndex: 'audience',
              width: 150,
              render: (_, d) => <Tag color={d.audience === 'new_member' ? 'gold' : 'default'}>{d.audienceLabel}</Tag>,
            },
            {
              title: '状态',
              dataIndex: 'enabled',
              width: 120,
              render: (_, d) => (
                <>
                  {d.enabled ? <Tag color='green'>上线</Tag> : <Tag>下线</Tag>}
                  {d.fillWithVirtual && <Tag color='gold'>虚拟成团</Tag>}
                </>
              ),
            },
            { title: '时间', dataIndex: 'startsAt', width: 300, render: (_, d) => `${dateTime(d.startsAt)} ~ ${dateTime(d.endsAt)}` },
            {
              title: '操作',
              valueType: 'option',
              width: 80,
              render: (_, d) => [<GroupDealEditor key='edit' deal={d} skus={skuOptions} onSaved={reload} trigger={<a>编辑</a>} />],
            },
          ]}
        />
      </Card>
      <Card title='拼团效果报表' data-testid='group-report'>
        <AdminTable<GroupBuyDealStatsView>
          tableKey='group-report'
          rowKey='dealId'
          search={false}
          options={false}
          dataSource={rows}
          loading={stats.loading}
          pagination={false}
          columns={[
            { title: '活动', dataIndex: 'name' },
            { title: '待开团', dataIndex: 'groupsPending' },
            { title: '进行中', dataIndex: 'groupsOpen' },
            { title: '已成团', dataIndex: 'groupsCompleted' },
            { title: '失败', dataIndex: 'groupsFailed' },
            { title: '成团率', dataIndex: 'successBps', render: (_, r) => pct(r.successBps) },
            { title: '支付人次', dataIndex: 'paidMembers' },
            { title: '支付金额', dataIndex: 'paidFen', render: (_, r) => `¥${formatYuan(r.paidFen)}` },
            { title: '已退款人次', dataIndex: 'refundedMembers' },
            { title: '退款金额', dataIndex: 'refundedFen', render: (_, r) => `¥${formatYuan(r.refundedFen)}` },
          ]}
        />
      </Card>
    </Space>
  );
}
