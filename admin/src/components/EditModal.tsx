import { ModalForm, type ModalFormProps } from '@ant-design/pro-components';

/** ModalForm with the panel's defaults: a fresh form each time it opens (initial values of the row being edited). */
export function EditModal<T extends Record<string, any>>({ modalProps, width = 560, ...rest }: ModalFormProps<T>) {
  return <ModalForm<T> width={width} modalProps={{ destroyOnClose: true, maskClosable: false, ...modalProps }} {...rest} />;
}
