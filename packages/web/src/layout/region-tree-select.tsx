import { useCallback, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { TreeSelect } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Region } from '@minewatch/core';
import { fetchRegionChildren, regionKeys, useRegion } from '../api/regions';

type Node = { id: string; pId: string | null; value: string; title: string; isLeaf: boolean };

const toNode = (r: Region, pId: string | null): Node => ({
  id: r.code,
  pId,
  value: r.code,
  title: r.name,
  isLeaf: !r.hasChildren,
});

export interface RegionTreeSelectProps {
  /** Top-level nodes; children load lazily from /api/org/regions/{code}/children. */
  roots: Region[];
  value?: string | null;
  onChange?: (code: string) => void;
  id?: string;
  'aria-label'?: string;
  className?: string;
  style?: CSSProperties;
  disabled?: boolean;
  popupMatchSelectWidth?: boolean | number;
}

/** Region picker that drills down the administrative tree on demand. Value is a region code. */
export function RegionTreeSelect({ roots, value, onChange, ...rest }: RegionTreeSelectProps) {
  const queryClient = useQueryClient();
  const [nodes, setNodes] = useState<Node[]>(() => roots.map((r) => toNode(r, null)));

  useEffect(() => {
    setNodes((prev) => {
      const rootIds = new Set(roots.map((r) => r.code));
      const kept = prev.filter((n) => n.pId !== null && !rootIds.has(n.id));
      return [...roots.map((r) => toNode(r, null)), ...kept];
    });
  }, [roots]);

  const loadData = useCallback(
    async (node: { value?: unknown }) => {
      const code = String(node.value ?? '');
      if (!code) return;
      const children = await queryClient.fetchQuery({
        queryKey: regionKeys.children(code),
        queryFn: () => fetchRegionChildren(code),
        staleTime: 10 * 60_000,
      });
      setNodes((prev) => {
        const known = new Set(prev.map((n) => n.id));
        return [...prev, ...children.filter((c) => !known.has(c.code)).map((c) => toNode(c, code))];
      });
    },
    [queryClient],
  );

  // The value may be deeper than what the tree has loaded: show its name anyway.
  const known = useMemo(() => nodes.find((n) => n.value === value), [nodes, value]);
  const region = useRegion(value && !known ? value : null);
  const label = known?.title ?? region.data?.name ?? value ?? '';

  return (
    <TreeSelect
      {...rest}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(v: { value: string; label?: ReactNode } | undefined) => {
        if (v?.value) onChange?.(v.value);
      }}
      treeNodeFilterProp="title"
      showSearch
      treeDefaultExpandedKeys={roots.length === 1 && roots[0] ? [roots[0].code] : []}
    />
  );
}
