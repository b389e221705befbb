/**
 * Vocabulary of the household registry (防止返贫动态监测): stable English codes stored in the
 * database and sent over the API, with the Chinese labels users, templates and exports show.
 * The labels follow the fields of the national monitoring system's exports.
 */

/** 户类型. */
export const HOUSEHOLD_TYPES = ['ordinary', 'lifted', 'monitored'] as const;
/** One of HOUSEHOLD_TYPES. */
export type THouseholdType = (typeof HOUSEHOLD_TYPES)[number];
/** Chinese labels of 户类型. */
export const HOUSEHOLD_TYPE_LABELS: Record<THouseholdType, string> = {
  ordinary: '一般农户',
  lifted: '脱贫户',
  monitored: '监测户',
};

/** 监测对象类别. */
export const MONITORING_CATEGORIES = ['unstable', 'marginal', 'sudden'] as const;
/** One of MONITORING_CATEGORIES. */
export type TMonitoringCategory = (typeof MONITORING_CATEGORIES)[number];
/** Chinese labels of 监测对象类别. */
export const MONITORING_CATEGORY_LABELS: Record<TMonitoringCategory, string> = {
  unstable: '脱贫不稳定户',
  marginal: '边缘易致贫户',
  sudden: '突发严重困难户',
};

/** 致贫/返贫风险类型. */
export const RISK_TYPES = ['illness', 'schooling', 'disability', 'disaster', 'accident', 'industry', 'employment', 'labour', 'other'] as const;
/** One of RISK_TYPES. */
export type TRiskType = (typeof RISK_TYPES)[number];
/** Chinese labels of risk types. */
export const RISK_TYPE_LABELS: Record<TRiskType, string> = {
  illness: '因病',
  schooling: '因学',
  disability: '因残',
  disaster: '因自然灾害',
  accident: '因意外事故',
  industry: '因产业项目失败',
  employment: '因务工就业不稳',
  labour: '缺劳动力',
  other: '其他',
};

/** 住房安全等级 (house safety appraisal): C and D are unsafe (危房). */
export const HOUSING_GRADES = ['A', 'B', 'C', 'D'] as const;
/** One of HOUSING_GRADES. */
export type THousingGrade = (typeof HOUSING_GRADES)[number];
/** Grades that mean an unsafe house (危房). */
export const UNSAFE_HOUSING_GRADES: readonly THousingGrade[] = ['C', 'D'];

/** 是否解决安全饮用水. */
export const WATER_STATUSES = ['safe', 'unsafe'] as const;
/** One of WATER_STATUSES. */
export type TWaterStatus = (typeof WATER_STATUSES)[number];
/** Chinese labels of drinking-water status. */
export const WATER_STATUS_LABELS: Record<TWaterStatus, string> = { safe: '已解决安全饮水', unsafe: '未解决安全饮水' };

/** 与户主关系. */
export const RELATIONS = [
  'head', 'spouse', 'son', 'daughter', 'son_in_law', 'daughter_in_law', 'grandchild', 'parent', 'grandparent', 'sibling', 'other',
] as const;
/** One of RELATIONS. */
export type TRelation = (typeof RELATIONS)[number];
/** Chinese labels of 与户主关系. */
export const RELATION_LABELS: Record<TRelation, string> = {
  head: '户主',
  spouse: '配偶',
  son: '之子',
  daughter: '之女',
  son_in_law: '之女婿',
  daughter_in_law: '之儿媳',
  grandchild: '之孙子女',
  parent: '之父母',
  grandparent: '之祖父母',
  sibling: '之兄弟姐妹',
  other: '其他',
};

/** 文化程度. */
export const EDUCATIONS = ['none', 'primary', 'junior', 'senior', 'vocational', 'college'] as const;
/** One of EDUCATIONS. */
export type TEducation = (typeof EDUCATIONS)[number];
/** Chinese labels of 文化程度. */
export const EDUCATION_LABELS: Record<TEducation, string> = {
  none: '文盲或半文盲',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  vocational: '中专/技校',
  college: '大专及以上',
};

/** 在校生状况. `dropout` is a school-age child out of school (失学辍学). */
export const SCHOOL_STATUSES = ['none', 'preschool', 'primary', 'junior', 'senior', 'secondary_vocational', 'higher', 'dropout'] as const;
/** One of SCHOOL_STATUSES. */
export type TSchoolStatus = (typeof SCHOOL_STATUSES)[number];
/** Chinese labels of 在校生状况. */
export const SCHOOL_STATUS_LABELS: Record<TSchoolStatus, string> = {
  none: '非在校生',
  preschool: '学前教育',
  primary: '小学',
  junior: '初中',
  senior: '普通高中',
  secondary_vocational: '中职',
  higher: '高职/本科及以上',
  dropout: '失学辍学',
};
/** School statuses of a child attending school (any level). */
export const IN_SCHOOL_STATUSES: readonly TSchoolStatus[] = ['preschool', 'primary', 'junior', 'senior', 'secondary_vocational', 'higher'];

/** 健康状况. */
export const HEALTH_STATUSES = ['healthy', 'chronic', 'serious', 'disabled'] as const;
/** One of HEALTH_STATUSES. */
export type THealthStatus = (typeof HEALTH_STATUSES)[number];
/** Chinese labels of 健康状况. */
export const HEALTH_STATUS_LABELS: Record<THealthStatus, string> = {
  healthy: '健康',
  chronic: '长期慢性病',
  serious: '患有大病',
  disabled: '残疾',
};

/** Disability grades 1–4 (残疾等级); 1 and 2 are severe (重度). */
export const SEVERE_DISABILITY_GRADES: readonly number[] = [1, 2];

/** 劳动技能. `lost` and `none` mean the member cannot work. */
export const LABOUR_SKILLS = ['skilled', 'ordinary', 'weak', 'lost', 'none'] as const;
/** One of LABOUR_SKILLS. */
export type TLabourSkill = (typeof LABOUR_SKILLS)[number];
/** Chinese labels of 劳动技能. */
export const LABOUR_SKILL_LABELS: Record<TLabourSkill, string> = {
  skilled: '技能劳动力',
  ordinary: '普通劳动力',
  weak: '弱劳动力或半劳动力',
  lost: '丧失劳动力',
  none: '无劳动力',
};
/** Labour skills of a member who can work. */
export const WORKING_SKILLS: readonly TLabourSkill[] = ['skilled', 'ordinary', 'weak'];

/** How a member joins a household. */
export const JOIN_KINDS = ['registered', 'birth', 'marriage', 'move_in'] as const;
/** One of JOIN_KINDS. */
export type TJoinKind = (typeof JOIN_KINDS)[number];

/** How a member moves: to another household of the registry, or out of it. */
export const MOVE_KINDS = ['split', 'merge', 'marriage', 'death', 'move_out', 'marriage_out'] as const;
/** One of MOVE_KINDS. */
export type TMoveKind = (typeof MOVE_KINDS)[number];
/** Moves that end a member's membership instead of moving them to another household. */
export const LEAVING_MOVES: readonly TMoveKind[] = ['death', 'move_out', 'marriage_out'];
/** Chinese labels of joins and moves, for the history. */
export const MOVE_KIND_LABELS: Record<TMoveKind | TJoinKind, string> = {
  registered: '建档登记',
  birth: '出生',
  marriage: '婚嫁迁入',
  move_in: '迁入',
  split: '分户',
  merge: '并户',
  death: '死亡',
  move_out: '迁出',
  marriage_out: '婚嫁迁出',
};

/** 两不愁三保障 + 饮水安全. */
export const GUARANTEE_ITEMS = ['food_clothing', 'education', 'medical', 'housing', 'water'] as const;
/** One of GUARANTEE_ITEMS. */
export type TGuaranteeItem = (typeof GUARANTEE_ITEMS)[number];
/** Chinese labels of the 两不愁三保障 + 饮水 items. */
export const GUARANTEE_ITEM_LABELS: Record<TGuaranteeItem, string> = {
  food_clothing: '吃穿不愁',
  education: '义务教育有保障',
  medical: '基本医疗有保障',
  housing: '住房安全有保障',
  water: '饮水安全有保障',
};
/** Result of checking one item. */
export const GUARANTEE_STATUSES = ['secured', 'not_secured'] as const;
/** One of GUARANTEE_STATUSES. */
export type TGuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];

/** 帮扶措施类型. */
export const MEASURE_TYPES = [
  'industry', 'employment', 'public_job', 'microcredit', 'yulu', 'medical_aid', 'education_aid', 'housing_repair', 'water',
  'dibao', 'tekun', 'temporary_aid', 'other',
] as const;
/** One of MEASURE_TYPES. */
export type TMeasureType = (typeof MEASURE_TYPES)[number];
/** Chinese labels of 帮扶措施类型. */
export const MEASURE_TYPE_LABELS: Record<TMeasureType, string> = {
  industry: '产业帮扶',
  employment: '就业帮扶',
  public_job: '公益性岗位',
  microcredit: '小额信贷',
  yulu: '雨露计划',
  medical_aid: '医疗救助',
  education_aid: '教育资助',
  housing_repair: '危房改造',
  water: '饮水安全',
  dibao: '低保',
  tekun: '特困供养',
  temporary_aid: '临时救助',
  other: '其他',
};

/** Status of a measure. `in_progress` and `completed` count as delivered (已落实). */
export const MEASURE_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
/** One of MEASURE_STATUSES. */
export type TMeasureStatus = (typeof MEASURE_STATUSES)[number];
/** Chinese labels of measure statuses. */
export const MEASURE_STATUS_LABELS: Record<TMeasureStatus, string> = {
  planned: '计划中',
  in_progress: '实施中',
  completed: '已完成',
  cancelled: '已取消',
};
/** Statuses of a measure that has reached the household. */
export const DELIVERED_MEASURE_STATUSES: readonly TMeasureStatus[] = ['in_progress', 'completed'];

/** Kinds of fund rows of a measure: money allocated to it, and money paid out. */
export const FUND_KINDS = ['allocation', 'payment'] as const;
/** One of FUND_KINDS. */
export type TFundKind = (typeof FUND_KINDS)[number];

/** Discovery channels of a lead (线索来源). */
export const LEAD_CHANNELS = ['self_report', 'cadre', 'department'] as const;
/** One of LEAD_CHANNELS. */
export type TLeadChannel = (typeof LEAD_CHANNELS)[number];
/** Chinese labels of discovery channels. */
export const LEAD_CHANNEL_LABELS: Record<TLeadChannel, string> = {
  self_report: '自主申报',
  cadre: '干部排查',
  department: '部门预警',
};

/** Departments whose lists are screened (部门筛查预警). */
export const DEPARTMENT_SOURCES = ['medical_insurance', 'education', 'civil_affairs', 'disability', 'emergency'] as const;
/** One of DEPARTMENT_SOURCES. */
export type TDepartmentSource = (typeof DEPARTMENT_SOURCES)[number];
/** Chinese labels of the departments. */
export const DEPARTMENT_SOURCE_LABELS: Record<TDepartmentSource, string> = {
  medical_insurance: '医保（大额自付）',
  education: '教育（教育支出）',
  civil_affairs: '民政（低保/特困）',
  disability: '残联（重度残疾）',
  emergency: '应急（受灾）',
};
