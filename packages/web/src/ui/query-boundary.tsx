import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorResult } from './error-result';
import { LoadingBlock } from './loading-block';

/** Renders children with the query's data once it is there; a spinner before, an error result on failure. */
export function QueryBoundary<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingBlock />;
  return <>{children(query.data)}</>;
}
