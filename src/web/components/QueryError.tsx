/** Shows a failed query's Chinese message with a retry button. */
import { Button, Result } from 'antd';
import { ApiError } from '../api/client';

/** The error state of a page or card whose data did not load. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Result
      status={notFound ? '404' : 'warning'}
      title={notFound ? '没有找到' : '加载失败'}
      subTitle={error instanceof Error ? error.message : '请稍后重试'}
      extra={onRetry && !notFound ? <Button onClick={onRetry}>重试</Button> : null}
    />
  );
}
