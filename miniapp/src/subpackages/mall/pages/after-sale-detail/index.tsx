import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import { beijingMinute, CARRIERS, formatYuan, trackingNoProblem, type AfterSaleView } from '@mall/shared';
import { DetailRow } from '@/components/detail-row';
import { GoodsLine } from '@/components/goods-line';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { fetchAfterSale, submitReturnParcel } from '@/services/after-sale.api';
import './index.scss';

const NEXT_STEP: Partial<Record<AfterSaleView['status'], string>> = {
  pending: '商家会尽快审核你的申请',
  awaiting_return: '请按下方地址寄回商品，并填写快递单号',
  returning: '商家收到退回的商品后会尽快处理',
  received: '商家已收到商品，正在为你寄出换货',
  refunding: '退款处理中，款项将原路退回',
};

/** One after-sale: where it stands, why it was rejected, where to send the goods and the return tracking form. */
export default function AfterSaleDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const page = usePageData(() => fetchAfterSale(id), { deps: [id] });
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [busy, setBusy] = useState(false);

  const sendReturn = async () => {
    const problem = trackingNoProblem(carrier, trackingNo);
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' });
    setBusy(true);
    try {
      page.setData(await submitReturnParcel(id, { carrierCode: carrier, trackingNo }));
      void Taro.showToast({ title: '已提交退货单号', icon: 'success' });
    } catch {
      // toasted by the request wrapper
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame page={page} className='page after-sale-detail'>
      {(s) => (
        <>
          <View className='after-sale-detail__status'>
            <Text className='after-sale-detail__status-text'>{s.statusText}</Text>
            <Text className='after-sale-detail__kind'>
              {s.kindText} · 订单 {s.orderNo}
            </Text>
            {NEXT_STEP[s.status] && <Text className='after-sale-detail__next'>{NEXT_STEP[s.status]}</Text>}
            {s.status === 'rejected' && s.reviewNote && <Text className='after-sale-detail__reject'>拒绝原因：{s.reviewNote}</Text>}
          </View>

          {s.returnAddress && (s.status === 'awaiting_return' || s.returnParcel) && (
            <SectionCard title='退货地址'>
              <Text className='after-sale-detail__address' userSelect>
                {s.returnAddress}
              </Text>
            </SectionCard>
          )}

          {s.status === 'awaiting_return' && (
            <SectionCard title='填写退货物流' className='return-form'>
              <View className='return-form__carriers'>
                {CARRIERS.map((c) => (
                  <Text
                    key={c.code}
                    className={`return-form__carrier ${carrier === c.code ? 'return-form__carrier--on' : ''}`}
                    onClick={() => setCarrier(c.code)}
                  >
                    {c.name}
                  </Text>
                ))}
              </View>
              <Input className='return-form__input' value={trackingNo} placeholder='快递单号' maxlength={40} onInput={(e) => setTrackingNo(e.detail.value)} />
              <Button className='btn-gold return-form__submit' disabled={busy} onClick={sendReturn}>
                提交单号
              </Button>
            </SectionCard>
          )}

          {(s.returnParcel || s.replacementParcel) && (
            <SectionCard title='物流'>
              {s.returnParcel && (
                <DetailRow
                  label='寄回'
                  value={`${s.returnParcel.carrierName} ${s.returnParcel.trackingNo}`}
                  valueClassName='after-sale-detail__return-parcel'
                />
              )}
              {s.receivedAt && <DetailRow label='商家收货' value={beijingMinute(s.receivedAt)} />}
              {s.replacementParcel && <DetailRow label='换货寄出' value={`${s.replacementParcel.carrierName} ${s.replacementParcel.trackingNo}`} />}
            </SectionCard>
          )}

          {s.kind !== 'exchange' && (s.cashFen > 0 || s.balanceFen > 0 || s.pointsReturned > 0) && (
            <SectionCard title='退款'>
              {s.cashFen > 0 && <DetailRow label='微信支付' value={`¥${formatYuan(s.cashFen)}`} />}
              {s.balanceFen > 0 && <DetailRow label='余额' value={`¥${formatYuan(s.balanceFen)}`} />}
              {s.pointsReturned > 0 && <DetailRow label='积分' value={`${s.pointsReturned}`} />}
            </SectionCard>
          )}

          <SectionCard title='申请信息'>
            {s.lines.map((l) => (
              <GoodsLine key={l.lineId} imageUrl={l.imageUrl} name={l.productName} sub={`${l.specs} × ${l.quantity}`} />
            ))}
            <DetailRow label='原因' value={s.reason || '—'} />
            <DetailRow label='申请时间' value={beijingMinute(s.createdAt)} />
            {s.photos.length > 0 && (
              <View className='after-sale-detail__photos'>
                {s.photos.map((p) => (
                  <Image
                    key={p.id}
                    src={`${API_BASE_URL}${p.url}`}
                    mode='aspectFill'
                    className='after-sale-detail__photo'
                    onClick={() => Taro.previewImage({ urls: s.photos.map((x) => `${API_BASE_URL}${x.url}`), current: `${API_BASE_URL}${p.url}` })}
                  />
                ))}
              </View>
            )}
          </SectionCard>

          <View className='after-sale-detail__actions'>
            <Button className='btn-ghost' openType='contact'>
              联系客服
            </Button>
          </View>
        </>
      )}
    </PageFrame>
  );
}
