import { ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { CARRIERS, trackingNoProblem } from '@mall/shared';

/** Carrier (from the shared list) and tracking number, checked like the server checks them. */
export function ParcelFields() {
  return (
    <>
      <ProFormSelect
        name='carrierCode'
        label='快递公司'
        showSearch
        options={CARRIERS.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
        rules={[{ required: true, message: '请选择快递公司' }]}
      />
      <ProFormText
        name='trackingNo'
        label='快递单号'
        dependencies={['carrierCode']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) => {
              const problem = trackingNoProblem(getFieldValue('carrierCode') ?? '', value ?? '');
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          }),
        ]}
      />
    </>
  );
}
