import { Select, type SelectProps } from 'antd';
import { useUnits } from '../../api/units';

/** Searchable unit picker for forms: the units of a region and below, shown as "名称（区域）". */
export function UnitSelect({ regionCode, ...props }: { regionCode: string } & SelectProps<string>) {
  const units = useUnits(regionCode);
  return (
    <Select
      allowClear
      loading={units.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }))}
      {...props}
    />
  );
}
