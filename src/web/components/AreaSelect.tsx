/** Picks an area from the caller's scope as a searchable tree (示范区 → 乡 → 村/社区). */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { TArea } from '../../shared/contracts/admin';
import { useAreas } from '../api/lookups';

interface TTreeNode {
  value: number;
  title: string;
  children?: TTreeNode[];
}

/** Builds a tree from a flat list; areas whose parent is out of scope become roots. */
export function buildAreaTree(areas: readonly TArea[]): TTreeNode[] {
  const byId = new Map<number, TTreeNode>();
  for (const a of areas) byId.set(a.id, { value: a.id, title: a.name });
  const roots: TTreeNode[] = [];
  for (const a of areas) {
    const node = byId.get(a.id)!;
    const parent = a.parentId != null ? byId.get(a.parentId) : undefined;
    if (parent) {
      parent.children ??= [];
      parent.children.push(node);
    }
    else roots.push(node);
  }
  return roots;
}

/** Area picker for forms and filters (value: area id). */
export function AreaSelect(props: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const { data, isLoading } = useAreas();
  const tree = useMemo(() => buildAreaTree(data ?? []), [data]);
  return (
    <TreeSelect
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={tree}
      loading={isLoading}
      showSearch
      treeNodeFilterProp="title"
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? '选择区域'}
      treeDefaultExpandedKeys={tree.map((n) => n.value)}
      style={{ width: '100%', ...props.style }}
      popupMatchSelectWidth={false}
      notFoundContent={isLoading ? '加载中…' : '无匹配区域'}
    />
  );
}
