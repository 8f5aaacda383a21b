import { useState } from 'react';
import { App, Button, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { memberRoleLabel, type BodyDetail, type Member, type MemberRole } from '@minewatch/core';
import { useRemoveMember } from '../../api/bodies';
import { useLabel, useT } from '../../i18n';
import { MemberFormModal } from './member-form-modal';

/** 成员名单: the roster table 姓名 | 职务 | 角色 (unnamed members show their note). */
export function BodyRoster({ body, canWrite }: { body: BodyDetail; canWrite: boolean }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const remove = useRemoveMember(body.id);
  const hasDuty = body.members.some((m) => m.duty);

  const columns: TableColumnsType<Member> = [
    {
      title: t('body.memberName'),
      key: 'name',
      render: (_: unknown, m) =>
        m.name ? (
          m.name
        ) : (
          <Typography.Text type="secondary">{m.note || t('body.unnamed')}</Typography.Text>
        ),
    },
    {
      title: t('body.memberPosition'),
      key: 'position',
      render: (_: unknown, m) => {
        const position = m.position || t('common.none');
        return m.unitName && !m.position.includes(m.unitName) ? (
          <>
            {position}
            <div className="cell-secondary">{m.unitName}</div>
          </>
        ) : (
          position
        );
      },
    },
    {
      title: t('body.memberRole'),
      dataIndex: 'role',
      key: 'role',
      render: (r: MemberRole) => label(memberRoleLabel[r]),
    },
  ];
  if (hasDuty) {
    columns.push({ title: t('body.memberDuty'), dataIndex: 'duty', key: 'duty' });
  }
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, m) => (
        <Popconfirm
          title={t('body.removeMemberConfirm')}
          okText={t('body.removeMember')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            remove.mutateAsync(m.id).then(
              () => void message.success(t('body.memberRemoved')),
              (error: unknown) => void message.error(error instanceof Error ? error.message : String(error)),
            )
          }
        >
          <Button type="link" danger size="small">
            {t('body.removeMember')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <section aria-labelledby="roster-heading" className="body-section">
      <div className="section-header">
        <Typography.Title level={2} id="roster-heading" className="section-title">
          {t('body.roster')}
        </Typography.Title>
        {canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('body.addMember')}
          </Button>
        ) : null}
      </div>
      <Table<Member>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={body.members}
        pagination={false}
        scroll={{ x: 480 }}
      />
      {canWrite ? (
        <MemberFormModal
          open={adding}
          onClose={() => setAdding(false)}
          bodyId={body.id}
          regionCode={body.regionCode}
        />
      ) : null}
    </section>
  );
}
