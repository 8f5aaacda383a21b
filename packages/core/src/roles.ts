/** Roles of DESIGN.md "Who uses it". The machine role only ever authenticates with an API token. */
export const ROLES = ['admin', 'office', 'member_unit', 'cadre', 'inspector', 'leader', 'machine'] as const;
export type Role = (typeof ROLES)[number];

export const roleLabel: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '平台管理员', en: 'Platform admin' },
  office: { zh: '联席会议办公室', en: 'Joint-meeting office' },
  member_unit: { zh: '成员单位', en: 'Member-unit officer' },
  cadre: { zh: '乡村干部', en: 'Township/village cadre' },
  inspector: { zh: '督查组', en: 'Supervision-group inspector' },
  leader: { zh: '领导（只读）', en: 'Leader (read-only)' },
  machine: { zh: '系统对接', en: 'Machine integration' },
};

/** Every action the server authorizes. Routes name one; the policy below is the only place that decides. */
export const ACTIONS = [
  'org.read',
  'org.write',
  'meeting.write',
  'audit.read',
  'user.manage',
  'site.read',
  'site.write',
  'contract.read',
  'contract.write',
  'contract.visit',
  'file.read',
  'file.write',
  'grid.write',
  'campaign.read',
  'campaign.write',
  'problem.read',
  'problem.write',
  'problem.transition',
  'ledger.import',
  'notification.read',
  'notification.write',
  'job.run',
  'job.read',
  'penalty.write',
  'checklist.write',
] as const;
export type Action = (typeof ACTIONS)[number];

const READERS: readonly Role[] = ['admin', 'office', 'member_unit', 'cadre', 'inspector', 'leader'];

export const POLICY: Record<Action, readonly Role[]> = {
  'org.read': READERS,
  'org.write': ['admin', 'office'],
  'meeting.write': ['admin', 'office'],
  'audit.read': ['admin', 'office', 'leader'],
  'user.manage': ['admin'],
  'site.read': READERS,
  // Rectifying units and township cadres keep their sites' facts current (signs, sealing, photos).
  'site.write': ['admin', 'office', 'member_unit', 'cadre'],
  'contract.read': READERS,
  // 包联 assignments are made by the 打非办/office; visits are recorded by the office or cadres for the
  // contracted person, or by an officer/inspector whose login is that person (core mayRecordVisit).
  'contract.write': ['admin', 'office'],
  'contract.visit': ['admin', 'office', 'cadre', 'member_unit', 'inspector'],
  'file.read': READERS,
  // Inspectors photograph what they find; the leader only reads.
  'file.write': ['admin', 'office', 'member_unit', 'cadre', 'inspector'],
  // Grids (网格) and who staffs them are set by the office.
  'grid.write': ['admin', 'office'],
  'campaign.read': READERS,
  // Campaigns are set up (or copied from a seed) by the office that runs them.
  'campaign.write': ['admin', 'office'],
  'problem.read': READERS,
  // Problems are found by offices, member units, township cadres and supervision groups; facts are kept by the office (problems.service).
  'problem.write': ['admin', 'office', 'member_unit', 'cadre', 'inspector'],
  // Who may fire which lifecycle event is core's state machine (problems.ts); this only lets the caller ask.
  'problem.transition': ['admin', 'office', 'member_unit', 'cadre', 'inspector'],
  // 附件1 ledgers are imported by the office.
  'ledger.import': ['admin', 'office'],
  // Everyone who works in the app reads their notifications; marking read is a write, so the read-only leader cannot.
  'notification.read': READERS,
  'notification.write': ['admin', 'office', 'member_unit', 'cadre', 'inspector'],
  // The overdue job runs daily by itself; the platform admin (everywhere) or an office (its region) can run it now.
  'job.run': ['admin', 'office'],
  'job.read': ['admin', 'office'],
  // Penalties are decided by the office and the enforcing member units (自然资源、生态环境、林草…).
  'penalty.write': ['admin', 'office', 'member_unit'],
  // 004 检查表: filled by the supervision groups, the office and the member units that inspect.
  'checklist.write': ['admin', 'office', 'member_unit', 'inspector'],
};

export function can(role: Role, action: Action): boolean {
  return POLICY[action].includes(role);
}
