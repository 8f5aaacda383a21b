import { useState } from 'react';
import { Input } from 'antd';

/**
 * The search box of a paged list (`?q=`): searched on Enter or the button, trimmed; emptying the box
 * drops the search at once. `update` is useListParams' setter.
 */
export function ListSearch({ label, q, update }: { label: string; q: string; update: (changes: Record<string, string | null>) => void }) {
  const [text, setText] = useState(q);
  return (
    <Input.Search
      allowClear
      aria-label={label}
      placeholder={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) update({ q: null });
      }}
      onSearch={(v) => update({ q: v.trim() || null })}
      className="filter-search"
    />
  );
}
