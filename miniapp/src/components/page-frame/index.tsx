import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { PageData, PagedData } from '@/hooks/use-page-data';
import './index.scss';
import { AppButton } from '@/components/app-button';

export type SkeletonKind = 'detail' | 'list' | 'grid' | 'product' | 'code';

export interface EmptyProps {
  title: string;
  hint?: string;
  /** An emoji drawn in the illustration's circle. */
  icon?: string;
  action?: { text: string; onClick(): void };
}

/** Grey placeholder blocks shaped like what is loading. */
export function PageSkeleton({ kind = 'detail' }: { kind?: SkeletonKind }) {
  const blocks: string[] =
    kind === 'grid'
      ? ['grid', 'grid', 'grid', 'grid']
      : kind === 'list'
        ? ['row', 'row', 'row', 'row']
        : kind === 'product'
          ? ['image', 'row', 'row']
          : kind === 'code'
            ? ['code']
            : ['hero', 'row', 'row'];
  return (
    <View className={`page-skeleton page-skeleton--${kind}`}>
      {blocks.map((block, i) => (
        <View key={i} className={`page-skeleton__block page-skeleton__block--${block}`} />
      ))}
    </View>
  );
}

export function EmptyState({ title, hint, icon = '🛍️', action }: EmptyProps) {
  return (
    <View className='page-empty'>
      <View className='page-empty__art'>
        <View className='page-empty__halo' />
        <Text className='page-empty__icon'>{icon}</Text>
      </View>
      <Text className='page-empty__title'>{title}</Text>
      {hint && <Text className='page-empty__hint'>{hint}</Text>}
      {action && (
        <AppButton className='page-empty__action' onClick={action.onClick}>
          {action.text}
        </AppButton>
      )}
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='page-error'>
      <View className='page-error__art'>
        <Text className='page-error__mark'>!</Text>
      </View>
      <Text className='page-error__message'>{message}</Text>
      <AppButton kind='ghost' className='page-error__retry' onClick={onRetry}>
        重试
      </AppButton>
    </View>
  );
}

export interface PageSectionProps<T> {
  page: PageData<T>;
  skeleton?: SkeletonKind;
  /** Shown instead of the content when `when(data)` holds. */
  empty?: EmptyProps & { when(data: T): boolean };
  children(data: T): ReactNode;
}

/** Loading → skeleton, failed before any data → error with 重试, no rows → empty state, else the content. */
export function PageSection<T>({ page, skeleton = 'detail', empty, children }: PageSectionProps<T>) {
  if (page.data === undefined) {
    return (
      <View className='page-frame__state'>
        {page.error ? <ErrorState message={page.error} onRetry={() => void page.reload()} /> : <PageSkeleton kind={skeleton} />}
      </View>
    );
  }
  if (empty?.when(page.data)) {
    return (
      <View className='page-frame__state'>
        <EmptyState title={empty.title} hint={empty.hint} icon={empty.icon} action={empty.action} />
      </View>
    );
  }
  return <>{children(page.data)}</>;
}

/** Below a paged list: loading the next page, its failure with 重试, or the end of the list. */
export function LoadMoreFooter({ page }: { page: Pick<PagedData<unknown>, 'loadingMore' | 'moreError' | 'hasMore' | 'loadMore'> }) {
  if (page.loadingMore) return <Text className='page-more'>加载中…</Text>;
  if (page.moreError)
    return (
      <Text className='page-more page-more--error' onClick={() => void page.loadMore()}>
        加载失败，点击重试
      </Text>
    );
  if (page.hasMore)
    return (
      <Text className='page-more' onClick={() => void page.loadMore()}>
        上拉加载更多
      </Text>
    );
  return <Text className='page-more'>没有更多了</Text>;
}

const isPaged = <T,>(page: PageData<T>): page is PageData<T> & PagedData<unknown> => 'loadMore' in page;

/**
 * The frame of every page: its root view (`className`, default the padded `.page`), an optional
 * `header` shown whatever the data's state, PageSection, and a `footer` shown once data is there
 * (empty or not); a paged list (usePagedData) gets the load-more footer. A failed reload keeps the data on screen (the request wrapper has toasted why).
 */
export function PageFrame<T>({
  className = 'page',
  header,
  footer,
  ...section
}: PageSectionProps<T> & { className?: string; header?: ReactNode; footer?: ReactNode }) {
  return (
    <View className={`page-frame ${className}`}>
      {header}
      <PageSection {...section} />
      {isPaged(section.page) && Array.isArray(section.page.data) && section.page.data.length > 0 && <LoadMoreFooter page={section.page} />}
      {section.page.data !== undefined && footer}
    </View>
  );
}
