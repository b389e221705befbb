/** Vocabulary of supervision cases: modules, sources, severities. */
export const CASE_MODULES = ['chuangwen', 'project', 'sentinel', 'assistance', 'discipline', 'other'] as const;
export type TCaseModule = (typeof CASE_MODULES)[number];
export const CASE_MODULE_LABELS: Record<TCaseModule, string> = {
  chuangwen: '创文',
  project: '项目',
  sentinel: '哨点',
  assistance: '帮扶',
  discipline: '纪检',
  other: '其他',
};

export const CASE_SOURCES = ['secret_visit', 'inspection', 'citizen', 'system_alert', 'meeting', 'leader'] as const;
export type TCaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<TCaseSource, string> = {
  secret_visit: '暗访',
  inspection: '督导检查',
  citizen: '群众反映',
  system_alert: '系统预警',
  meeting: '会议交办',
  leader: '领导交办',
};

export const CASE_SEVERITIES = ['normal', 'serious', 'urgent'] as const;
export type TCaseSeverity = (typeof CASE_SEVERITIES)[number];
export const CASE_SEVERITY_LABELS: Record<TCaseSeverity, string> = {
  normal: '一般',
  serious: '较重',
  urgent: '紧急',
};
