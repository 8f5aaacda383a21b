import { Tag } from 'antd';
import { bodyKindLabel, type BodyKind } from '@minewatch/core';
import { useLabel } from '../../i18n';

const COLORS: Record<BodyKind, string> = {
  joint_meeting: 'geekblue',
  leading_group: 'purple',
  office: 'cyan',
  task_force: 'orange',
  work_group: 'gold',
  supervision_group: 'magenta',
};

export function BodyKindTag({ kind }: { kind: BodyKind }) {
  const label = useLabel();
  return <Tag color={COLORS[kind]}>{label(bodyKindLabel[kind])}</Tag>;
}
