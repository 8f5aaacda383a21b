import type { ReactNode } from 'react';

export type InfoItem = { key: string; label: ReactNode; value: ReactNode };

/**
 * A label/value list rendered as <dl> (not a <table>, so pages keep `getByRole('table')` for real
 * data tables).
 */
export function InfoList({ items }: { items: InfoItem[] }) {
  return (
    <dl className="info-list">
      {items.map((item) => (
        <div className="info-list-row" key={item.key}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
