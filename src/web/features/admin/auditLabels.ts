/** Chinese names for the audit log's entity and action codes; unknown codes are shown as they are. */
import { CASE_ACTION_LABELS, type TCaseAction } from '../../../shared/domain/case-machine';

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  case: '督办事项',
  area: '区域',
  unit: '单位',
  checklist: '检查表',
  inspection: '检查',
  inspection_result: '检查结果',
  attachment: '附件',
  household: '监测户',
  household_member: '家庭成员',
  screening: '部门筛查',
  monitoring_setting: '监测设置',
  calendar: '工作日历',
  cw_category: '创文问题类别',
  cw_place: '创文点位',
  cw_settings: '创文设置',
};

const VERB_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  login: '登录',
  logout: '退出登录',
  change_password: '修改密码',
  reset_password: '重置密码',
  result: '记录结果',
  complete: '完成',
  replace: '替换',
  set: '设置',
  reveal: '查看明文',
  income: '收入核算',
  guarantees: '三保障',
  screening: '筛查',
};

/** "交办（case.assign）"-style label for an action code. */
export function auditActionLabel(action: string): string {
  const [head, verb] = action.includes('.') ? action.split('.', 2) : [null, action];
  const v = (CASE_ACTION_LABELS as Record<string, string>)[verb as TCaseAction] ?? VERB_LABELS[verb];
  if (!v) return action;
  const entity = head ? AUDIT_ENTITY_LABELS[head] ?? '' : '';
  return head === 'case' || !head ? v : `${entity}·${v}`;
}
