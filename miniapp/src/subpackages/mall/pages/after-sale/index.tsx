import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import {
  AFTER_SALE_KIND_LABELS,
  AFTER_SALE_MAX_PHOTOS,
  newIdempotencyKey,
  reasonsFor,
  type AfterSaleKind,
  type OrderView,
  type UploadView,
} from '@mall/shared';
import { GoodsLine } from '@/components/goods-line';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { Segmented } from '@/components/segmented';
import { Stepper } from '@/components/stepper';
import { usePageData } from '@/hooks/use-page-data';
import { requestAfterSale, uploadAfterSalePhoto } from '@/services/after-sale.api';
import { fetchOrder } from '@/services/order.api';
import './index.scss';

/** Goods can come back once they reached the member: something shipped, or a collected pickup. */
const canReturn = (o: OrderView) => (o.fulfilment === 'pickup' ? o.status === 'completed' : o.lines.some((l) => l.shippedQuantity > 0));
const available = (l: OrderView['lines'][number]) => l.quantity - l.afterSaleQuantity;

export default function AfterSaleRequestPage() {
  const { params } = useRouter();
  const orderId = Number(params.orderId);
  const [kind, setKind] = useState<AfterSaleKind>('refund_only');
  const [picked, setPicked] = useState<Record<number, number>>({});
  const [reasonCode, setReasonCode] = useState('');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<UploadView[]>([]);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const page = usePageData(() => fetchOrder(orderId), { deps: [orderId], reloadOnShow: false });

  const choose = (k: AfterSaleKind) => {
    setKind(k);
    setReasonCode('');
    key.current = null;
  };

  const addPhotos = async () => {
    const room = AFTER_SALE_MAX_PHOTOS - photos.length;
    if (room <= 0) return;
    let files: { tempFilePath: string; size: number }[];
    try {
      files = (await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })).tempFiles;
    } catch {
      return; // cancelled
    }
    setBusy(true);
    try {
      for (const f of files.slice(0, room)) {
        const uploaded = await uploadAfterSalePhoto(f.tempFilePath);
        setPhotos((list) => [...list, uploaded].slice(0, AFTER_SALE_MAX_PHOTOS));
      }
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const submit = async (order: OrderView) => {
    const lines = Object.entries(picked)
      .filter(([, q]) => q > 0)
      .map(([lineId, quantity]) => ({ lineId: Number(lineId), quantity }));
    if (lines.length === 0) return void Taro.showToast({ title: '请选择商品', icon: 'none' });
    if (!reasonCode) return void Taro.showToast({ title: '请选择申请原因', icon: 'none' });
    if (reasonCode === 'other' && !text.trim()) return void Taro.showToast({ title: '请填写申请原因', icon: 'none' });
    key.current ??= newIdempotencyKey();
    setBusy(true);
    try {
      const sale = await requestAfterSale(order.id, { kind, lines, reasonCode, reason: text.trim(), photoIds: photos.map((p) => p.id) }, key.current);
      key.current = null;
      void Taro.redirectTo({ url: `/subpackages/mall/pages/after-sale-detail/index?id=${sale.id}` });
    } catch {
      // the request wrapper toasted the reason; the key is kept so a retry cannot file it twice
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame page={page} className='page after-sale-page'>
      {(order) => {
        const kinds = (Object.keys(AFTER_SALE_KIND_LABELS) as AfterSaleKind[]).filter((k) => k === 'refund_only' || canReturn(order));
        const lines = order.lines.filter((l) => available(l) > 0);
        return (
          <>
            <SectionCard title='售后类型'>
              <Segmented items={kinds.map((k) => ({ key: k, label: AFTER_SALE_KIND_LABELS[k] }))} value={kind} onChange={choose} />
              <Text className='after-sale-page__hint'>
                {kind === 'refund_only'
                  ? '未收到货或无需退回商品时选择，审核通过后款项原路退回'
                  : kind === 'return_refund'
                    ? '审核通过后请按退货地址寄回商品并填写快递单号，商家收到后退款'
                    : '审核通过后请寄回商品，商家收到后为你寄出新的商品'}
              </Text>
            </SectionCard>
            <SectionCard title='选择商品'>
              {lines.map((l) => {
                const q = picked[l.id] ?? 0;
                return (
                  <GoodsLine
                    key={l.id}
                    imageUrl={l.imageUrl}
                    name={l.productName}
                    sub={`${l.specs} · 可申请 ${available(l)} 件`}
                    onClick={() => q === 0 && setPicked({ ...picked, [l.id]: available(l) })}
                    extra={
                      q === 0 ? (
                        <Text className='after-sale-page__pick'>选择</Text>
                      ) : (
                        <Stepper
                          value={q}
                          min={1}
                          max={available(l)}
                          onChange={(v) => setPicked({ ...picked, [l.id]: v })}
                          onBelowMin={() => setPicked({ ...picked, [l.id]: 0 })}
                        />
                      )
                    }
                  />
                );
              })}
            </SectionCard>
            <SectionCard title='申请原因'>
              <View className='after-sale-page__reasons'>
                {reasonsFor(kind).map((r) => (
                  <Text
                    key={r.code}
                    className={`after-sale-page__reason ${reasonCode === r.code ? 'after-sale-page__reason--on' : ''}`}
                    onClick={() => setReasonCode(r.code)}
                  >
                    {r.label}
                  </Text>
                ))}
              </View>
              <Textarea
                className='after-sale-page__text'
                value={text}
                maxlength={120}
                placeholder='补充说明（选填，选择“其他”时必填）'
                onInput={(e) => setText(e.detail.value)}
              />
            </SectionCard>
            <SectionCard title={`上传凭证（${photos.length}/${AFTER_SALE_MAX_PHOTOS}）`}>
              <View className='after-sale-page__photos'>
                {photos.map((p) => (
                  <View key={p.id} className='after-sale-page__photo'>
                    <Image src={`${API_BASE_URL}${p.url}`} mode='aspectFill' className='after-sale-page__photo-img' />
                    <Text className='after-sale-page__photo-del' onClick={() => setPhotos(photos.filter((x) => x.id !== p.id))}>
                      ×
                    </Text>
                  </View>
                ))}
                {photos.length < AFTER_SALE_MAX_PHOTOS && (
                  <View className='after-sale-page__photo after-sale-page__photo--add' onClick={() => !busy && addPhotos()}>
                    <Text>＋</Text>
                  </View>
                )}
              </View>
            </SectionCard>
            <View className='after-sale-page__actions'>
              <Button className='btn-ghost' openType='contact'>
                联系客服
              </Button>
              <Button className='btn-gold after-sale-page__submit' disabled={busy} onClick={() => submit(order)}>
                提交申请
              </Button>
            </View>
          </>
        );
      }}
    </PageFrame>
  );
}
