import { App } from 'antd';
import { ProTable, type ParamsType, type ProColumns, type ProTableProps } from '@ant-design/pro-components';
import type { Page } from '@mall/shared';

export type AdminTableProps<T, P> = ProTableProps<T, P> & {
  /** Names the column settings (shown columns, order, density) kept in localStorage. */
  tableKey: string;
};

/**
 * ProTable with the panel's defaults: filters are opt-in per column (`search: true` or a transform),
 * column settings persist per table, 20 rows a page, the server's error message on a failed load.
 */
export function AdminTable<T extends Record<string, any>, P extends ParamsType = ParamsType>({
  tableKey,
  columns,
  pagination,
  options,
  search,
  ...rest
}: AdminTableProps<T, P>) {
  const { message } = App.useApp();
  const cols = columns?.map((c): ProColumns<T> => ('search' in c || 'hideInSearch' in c ? c : { ...c, search: false }));
  const searchable = cols?.some((c) => c.search !== false && !c.hideInSearch);
  return (
    <ProTable<T, P>
      rowKey='id'
      columns={cols}
      dateFormatter='string'
      search={search ?? (searchable ? { labelWidth: 'auto', defaultCollapsed: false, span: 6 } : false)}
      options={options === false ? false : { density: true, reload: true, setting: { draggable: true }, fullScreen: false, ...options }}
      columnsState={{ persistenceKey: `mall.admin.table.${tableKey}`, persistenceType: 'localStorage' }}
      pagination={
        pagination === false
          ? false
          : {
              defaultPageSize: 20,
              showSizeChanger: true,
              showTotal: (total) => `共 ${total} 条`,
              ...pagination,
            }
      }
      onRequestError={(error) => void message.error(error.message)}
      {...rest}
    />
  );
}

/** A whole list (the endpoint has no paging) as a ProTable answer; ProTable pages it in the browser. */
export async function allRows<T>(load: Promise<{ items: T[] }>) {
  const { items } = await load;
  return { data: items, total: items.length, success: true };
}

/** A server page as a ProTable answer. */
export async function pageRows<T>(load: Promise<Page<T>>) {
  const { items, total } = await load;
  return { data: items, total, success: true };
}
