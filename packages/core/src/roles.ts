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
};

export function can(role: Role, action: Action): boolean {
  return POLICY[action].includes(role);
}
