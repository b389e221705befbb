/**
 * The problems the demo cases are made of, taken from the seed article (周口 newspaper,
 * November 2021) and the work it describes. Data only: demo-cases.ts turns it into cases.
 */
import type { TCaseModule, TCaseSource } from '../../shared/domain/case-vocab.js';

/**
 * Where a problem lies and who answers for it:
 * - compound: a residential compound; its property company, else the community committee;
 * - street: a street or back lane of the town; the named unit (城管局 by default);
 * - village: a 行政村 of the two rural townships; `unit` is 'committee', 'township' or a bureau's name;
 * - site: a construction project of `DEMO_SITES`; its contractor, or the named unit;
 * - health: a clinic or pharmacy of `kinds`; that clinic or pharmacy;
 * - township: the township itself; its office, or the named unit.
 */
export type TDemoTarget =
  | { kind: 'compound' }
  | { kind: 'street'; unit?: string }
  | { kind: 'village'; unit: 'committee' | 'township' | string }
  | { kind: 'site'; unit?: string }
  | { kind: 'health'; kinds: ('hospital' | 'village_clinic' | 'pharmacy')[] }
  | { kind: 'township'; unit?: string };

/** One kind of problem: a case is an instance of it at a place. */
export interface TDemoProblem {
  module: TCaseModule;
  category: string;
  title: string;
  description: string;
  target: TDemoTarget;
  /** Relative weight within its module. */
  weight?: number;
  /** Typical sources, the first most likely. */
  sources: TCaseSource[];
  /** Fixed places, when the problem has its own (otherwise derived from the target). */
  places?: string[];
}

/** Construction projects from the seed article, with their community and contractor. */
export const DEMO_SITES: { name: string; area: string; contractor: string }[] = [
  { name: '光明路新建工程', area: '光明社区', contractor: '周口路桥建设有限公司' },
  { name: '诚和家园周边配套道路工程', area: '诚和社区', contractor: '河南诚和建设工程有限公司' },
  { name: '贵和家园B区安置房工程', area: '人和社区', contractor: '河南诚和建设工程有限公司' },
  { name: '安置区周边配套路网工程', area: '庆丰社区', contractor: '周口路桥建设有限公司' },
  { name: '智慧岛数字经济大厦项目', area: '泰山社区', contractor: '河南诚和建设工程有限公司' },
  { name: '周口大数据产业园项目', area: '文昌社区', contractor: '周口路桥建设有限公司' },
];

/** Streets named in the seed article (the 智慧岛 lies between them). */
export const DEMO_STREETS = ['文昌大道', '人和路', '庆丰东路', '泰山路', '光明路'];

/** Every kind of problem the demo cases are drawn from, grouped by module. */
export const DEMO_PROBLEMS: TDemoProblem[] = [
  // 创文: residential compounds (中原社区A区 and its neighbours), answered by the property company.
  {
    module: 'chuangwen', category: '电动车管理', title: '小区电动车上牌率不高，无牌电动车随意停放',
    description: '督导检查发现小区内多辆电动车未上牌，且停放在单元门口和消防通道，未集中停放充电。',
    target: { kind: 'compound' }, weight: 3, sources: ['inspection', 'leader', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '电线私拉乱扯', title: '楼道电线私拉乱扯，飞线充电存在安全隐患',
    description: '单元楼道及窗外有私拉电线给电动车充电现象，存在火灾隐患，需立即清理并引导居民到集中充电桩充电。',
    target: { kind: 'compound' }, weight: 3, sources: ['inspection', 'citizen', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '杂物乱堆乱放', title: '楼道及单元门口杂物乱堆乱放',
    description: '楼道内堆放纸箱、旧家具等杂物，占用公共通道，影响通行和消防安全。',
    target: { kind: 'compound' }, weight: 3, sources: ['inspection', 'secret_visit', 'citizen'],
  },
  {
    module: 'chuangwen', category: '小广告乱贴', title: '小区内小广告治理不力，楼道墙面乱贴乱画',
    description: '单元门、楼道墙面和宣传栏周边张贴开锁、疏通等小广告，清理不及时。',
    target: { kind: 'compound' }, weight: 2, sources: ['inspection', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '物业管理', title: '物业管理不到位，绿化带内垃圾未及时清理',
    description: '小区绿化带、楼栋周边有散落垃圾，垃圾桶满溢未及时清运，物业保洁巡查缺位。',
    target: { kind: 'compound' }, weight: 3, sources: ['inspection', 'citizen', 'meeting'],
  },
  {
    module: 'chuangwen', category: '随处晾晒', title: '小区内随处晾晒衣物被褥',
    description: '小区绿化带和健身器材上拉绳晾晒衣物被褥，影响小区环境和“创文”形象。',
    target: { kind: 'compound' }, weight: 2, sources: ['inspection', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '车辆停放', title: '机动车、非机动车停放不规范',
    description: '小区主干道两侧机动车乱停，非机动车未进棚停放，影响通行。',
    target: { kind: 'compound' }, weight: 2, sources: ['inspection', 'citizen'],
  },
  {
    module: 'chuangwen', category: '氛围营造', title: '“创文”公益广告和宣传氛围营造不足',
    description: '小区出入口、宣传栏未按要求设置“创文”公益广告，部分宣传内容过期破损。',
    target: { kind: 'compound' }, weight: 1, sources: ['inspection', 'meeting'],
  },
  // 创文: streets and back lanes, answered by 城管局 or the township.
  {
    module: 'chuangwen', category: '小广告乱贴', title: '沿街电线杆、公交站牌小广告乱贴',
    description: '沿街电线杆、公交站牌、配电箱张贴大量小广告，覆盖面积大，需集中清理并建立长效机制。',
    target: { kind: 'street', unit: '示范区城市管理局' }, weight: 3, sources: ['inspection', 'secret_visit', 'citizen'],
  },
  {
    module: 'chuangwen', category: '占道经营', title: '沿街商铺占道经营、出店经营',
    description: '沿街商铺将货架、桌椅摆放至人行道，流动摊贩占道经营，影响行人通行。',
    target: { kind: 'street', unit: '示范区城市管理局' }, weight: 3, sources: ['inspection', 'citizen', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '垃圾乱倒', title: '背街小巷垃圾乱倒，清运不及时',
    description: '背街小巷内生活垃圾和建筑垃圾混倒，垃圾桶满溢，存在卫生死角。',
    target: { kind: 'street', unit: '示范区城市管理局' }, weight: 3, sources: ['citizen', 'inspection', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '公厕管理', title: '公厕管理不到位，保洁不及时、异味大',
    description: '公厕地面湿滑、异味较大，洗手液和厕纸未配备，保洁记录未按时填写。',
    target: { kind: 'street', unit: '示范区城市管理局' }, weight: 2, sources: ['secret_visit', 'citizen', 'inspection'],
  },
  {
    module: 'chuangwen', category: '随处晾晒', title: '背街小巷沿街随处晾晒衣物',
    description: '背街小巷居民在电线杆、树木之间拉绳晾晒衣物，影响街容街貌。',
    target: { kind: 'street', unit: '文昌办事处' }, weight: 1, sources: ['inspection', 'secret_visit'],
  },
  // 创文 and 人居环境: villages, answered by the village committee.
  {
    module: 'chuangwen', category: '垃圾乱倒', title: '村内坑塘边垃圾乱倒',
    description: '坑塘边堆积生活垃圾和秸秆，夏季易滋生蚊蝇，需清理并设立警示牌。',
    target: { kind: 'village', unit: 'committee' }, weight: 3, sources: ['inspection', 'citizen', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '杂物乱堆乱放', title: '柴草杂物沿路乱堆乱放',
    description: '村内主干道两侧柴草、建材乱堆乱放，影响村容村貌和通行安全。',
    target: { kind: 'village', unit: 'committee' }, weight: 2, sources: ['inspection', 'secret_visit'],
  },
  {
    module: 'chuangwen', category: '村庄清洁', title: '村庄清洁行动落实不到位，生活垃圾未及时清运',
    description: '村内垃圾收集点满溢，保洁员未按时清运，村庄清洁行动台账不全。',
    target: { kind: 'village', unit: 'committee' }, weight: 2, sources: ['inspection', 'meeting'],
  },
  {
    module: 'chuangwen', category: '公厕管理', title: '村内公厕管护不到位',
    description: '村内公厕无人管护，卫生状况差，部分设施损坏。',
    target: { kind: 'village', unit: 'committee' }, weight: 1, sources: ['secret_visit', 'citizen'],
  },
  // 项目: the resettlement area and its road network.
  {
    module: 'project', category: '进度滞后', title: '施工进度滞后于倒排工期节点',
    description: '对照挂图作战计划，本周计划完成的形象进度未完成，需增加作业面和人员，确保以日保周、以周保月。',
    target: { kind: 'site' }, weight: 3, sources: ['inspection', 'meeting', 'leader'],
  },
  {
    module: 'project', category: '扬尘治理', title: '施工现场围挡不规范，扬尘治理不到位',
    description: '施工围挡破损，裸土未覆盖，雾炮未开启，渣土车未冲洗带泥上路。',
    target: { kind: 'site' }, weight: 3, sources: ['inspection', 'secret_visit', 'citizen'],
  },
  {
    module: 'project', category: '安全文明施工', title: '施工现场安全防护不到位',
    description: '基坑临边防护缺失，部分作业人员未佩戴安全帽，现场安全警示标识不全。',
    target: { kind: 'site' }, weight: 2, sources: ['inspection', 'secret_visit'],
  },
  {
    module: 'project', category: '配套设施', title: '雨污管网和路灯等配套设施未同步推进',
    description: '道路主体施工已完成，但雨污管网、路灯、绿化等配套未按节点同步施工。',
    target: { kind: 'site' }, weight: 2, sources: ['meeting', 'inspection', 'leader'],
  },
  {
    module: 'project', category: '施工扰民', title: '夜间施工噪声扰民',
    description: '群众反映项目夜间22时后仍有机械作业，噪声影响周边居民休息。',
    target: { kind: 'site' }, weight: 1, sources: ['citizen'],
  },
  {
    module: 'project', category: '质量监管', title: '安置房工程质量监管记录不全',
    description: '监理日志、隐蔽工程验收记录不完整，主管部门监管台账缺失。',
    target: { kind: 'site', unit: '示范区住房和城乡建设局' }, weight: 1, sources: ['inspection', 'leader'],
  },
  // 哨点: clinics and pharmacies (暗访 of 卫生院 and 村卫生室).
  {
    module: 'sentinel', category: '发热门诊', title: '发热门诊布局不规范，“三区两通道”标识不清',
    description: '暗访发现发热门诊清洁区、潜在污染区、污染区划分不清，患者通道与医务人员通道交叉。',
    target: { kind: 'health', kinds: ['hospital'] }, weight: 2, sources: ['secret_visit', 'inspection'],
  },
  {
    module: 'sentinel', category: '首诊负责', title: '发热病人登记信息不全，未落实首诊负责制',
    description: '发热病人登记本缺少旅居史、联系电话等信息，部分发热病人未按流程登记上报。',
    target: { kind: 'health', kinds: ['hospital', 'village_clinic'] }, weight: 3, sources: ['secret_visit', 'inspection'],
  },
  {
    module: 'sentinel', category: '防控物资', title: '防控物资储备不足',
    description: '防护服、N95口罩、消毒用品储备不足规定天数用量，物资台账未及时更新。',
    target: { kind: 'health', kinds: ['hospital'] }, weight: 1, sources: ['inspection', 'secret_visit'],
  },
  {
    module: 'sentinel', category: '十须知', title: '接诊“十须知”未上墙，医务人员不熟悉接诊流程',
    description: '村卫生室未张贴接诊“十须知”，现场询问医务人员对量体温、问症状、查旅居等流程不熟悉。',
    target: { kind: 'health', kinds: ['village_clinic'] }, weight: 3, sources: ['secret_visit', 'inspection'],
  },
  {
    module: 'sentinel', category: '退烧药管控', title: '退烧药销售未实名登记',
    description: '暗访发现销售退烧药时未登记购药人身份证号和联系电话，未测量体温。',
    target: { kind: 'health', kinds: ['pharmacy', 'village_clinic'] }, weight: 3, sources: ['secret_visit', 'system_alert'],
  },
  {
    module: 'sentinel', category: '信息上报', title: '发热病人信息未按时上报',
    description: '系统比对发现登记的发热病人信息超过2小时未上报，未做到快报告。',
    target: { kind: 'health', kinds: ['village_clinic', 'hospital', 'pharmacy'] }, weight: 2, sources: ['system_alert'],
  },
  {
    module: 'sentinel', category: '消毒通风', title: '诊室通风消毒不到位，消毒记录缺失',
    description: '诊室门窗紧闭未通风，紫外线消毒记录缺失，未做到勤通风、严消毒。',
    target: { kind: 'health', kinds: ['village_clinic', 'hospital'] }, weight: 2, sources: ['secret_visit', 'inspection'],
  },
  // 帮扶: consolidating poverty alleviation (搬口办事处, 许湾乡).
  {
    module: 'assistance', category: '档案资料', title: '监测户档案资料不完整，帮扶措施记录缺失',
    description: '查看档案资料发现部分监测户入户核实表、帮扶措施落实记录缺失，信息与系统不一致。',
    target: { kind: 'village', unit: 'committee' }, weight: 3, sources: ['inspection', 'leader'],
  },
  {
    module: 'assistance', category: '两不愁三保障', title: '“两不愁三保障”政策宣传不到位，群众知晓率低',
    description: '入户走访时部分脱贫户对教育、医疗、住房保障政策不了解，明白卡未张贴。',
    target: { kind: 'village', unit: 'committee' }, weight: 2, sources: ['inspection', 'secret_visit'],
  },
  {
    module: 'assistance', category: '驻村帮扶', title: '驻村第一书记在岗履职记录不全',
    description: '驻村工作队考勤和工作日志记录不全，包村干部入户走访频次不足。',
    target: { kind: 'village', unit: 'township' }, weight: 2, sources: ['inspection', 'leader'],
  },
  {
    module: 'assistance', category: '饮水安全', title: '脱贫户饮水安全设施损坏未及时维修',
    description: '村内部分脱贫户自来水入户管道损坏，饮水安全未得到保障。',
    target: { kind: 'village', unit: '示范区农业农村局' }, weight: 2, sources: ['citizen', 'inspection'],
  },
  {
    module: 'assistance', category: '健康帮扶', title: '慢性病脱贫户家庭医生签约服务未落实',
    description: '走访发现患慢性病的脱贫户未享受家庭医生签约服务，门诊慢特病待遇未办理。',
    target: { kind: 'village', unit: '示范区医疗保障局' }, weight: 2, sources: ['inspection', 'system_alert'],
  },
  {
    module: 'assistance', category: '教育资助', title: '监测户在校生教育资助未落实',
    description: '部门数据比对发现监测户家庭在校生未享受雨露计划或教育资助。',
    target: { kind: 'village', unit: '示范区教育局' }, weight: 1, sources: ['system_alert', 'inspection'],
  },
  {
    module: 'assistance', category: '住房安全', title: '脱贫户住房安全鉴定未及时更新',
    description: '部分脱贫户房屋安全等级鉴定超过有效期未复核，存在住房安全隐患。',
    target: { kind: 'village', unit: '示范区住房和城乡建设局' }, weight: 1, sources: ['inspection'],
  },
  {
    module: 'assistance', category: '就业帮扶', title: '公益岗位人员考勤管理不规范',
    description: '公益岗位人员考勤表代签、缺签，岗位职责落实情况无记录。',
    target: { kind: 'village', unit: '示范区人力资源和社会保障局' }, weight: 1, sources: ['inspection', 'secret_visit'],
  },
  {
    module: 'assistance', category: '产业帮扶', title: '产业帮扶项目收益分配公示不及时',
    description: '村集体产业帮扶项目收益分配方案未公示，群众监督渠道不畅。',
    target: { kind: 'village', unit: 'township' }, weight: 1, sources: ['inspection', 'citizen'],
  },
  // 纪检: supervision of the supervisors (监督的再监督).
  {
    module: 'discipline', category: '作风问题', title: '督查反馈问题整改慢作为',
    description: '前期督查反馈问题超过整改期限仍未整改到位，存在不作为、慢作为苗头。',
    target: { kind: 'township' }, weight: 3, sources: ['inspection', 'leader'],
  },
  {
    module: 'discipline', category: '资金监管', title: '扶贫项目资金拨付滞后',
    description: '衔接资金项目已完成验收，但资金拨付进度明显滞后于序时进度。',
    target: { kind: 'township', unit: '示范区农业农村局' }, weight: 2, sources: ['inspection', 'system_alert'],
  },
  {
    module: 'discipline', category: '疫情防控', title: '疫情防控卡点值守人员脱岗',
    description: '暗访发现疫情防控卡点值守人员不在岗，扫码测温登记流于形式。',
    target: { kind: 'township' }, weight: 2, sources: ['secret_visit'],
    places: ['疫情防控卡点', '高速出口疫情防控检查站'],
  },
  {
    module: 'discipline', category: '疫情防控', title: '高铁周口东站疫情防控查验流于形式',
    description: '督导检查发现出站口健康码查验、体温检测存在漏检，落地检工作衔接不畅。',
    target: { kind: 'township', unit: '示范区卫生健康委员会' }, weight: 1, sources: ['inspection', 'secret_visit'],
    places: ['高铁周口东站出站口', '大广高速周口东站出口'],
  },
  // 其他
  {
    module: 'other', category: '应急管理', title: '应急物资储备不足，台账不清',
    description: '应急物资仓库储备品种和数量不足，出入库台账不清。',
    target: { kind: 'township', unit: '示范区应急管理局' }, weight: 2, sources: ['inspection', 'meeting'],
    places: ['应急物资储备库'],
  },
  {
    module: 'other', category: '校园周边', title: '学校周边上下学时段交通秩序混乱',
    description: '上下学时段学校门口车辆乱停、接送家长聚集，存在安全隐患。',
    target: { kind: 'street', unit: '示范区教育局' }, weight: 2, sources: ['citizen', 'inspection'],
  },
  {
    module: 'other', category: '社会保障', title: '低保、特困供养对象信息公示不规范',
    description: '村务公开栏低保、特困对象公示信息未及时更新，部分公示内容泄露身份证号码。',
    target: { kind: 'village', unit: '示范区民政局' }, weight: 1, sources: ['inspection', 'citizen'],
  },
  {
    module: 'other', category: '残疾人服务', title: '残疾人两项补贴发放公示不及时',
    description: '残疾人生活补贴和护理补贴发放名单未按月公示。',
    target: { kind: 'village', unit: '示范区残疾人联合会' }, weight: 1, sources: ['inspection'],
  },
];

/** Share of cases per module: 创文 most, then 项目, 哨点, 帮扶, 纪检, 其他. */
export const MODULE_WEIGHTS: Record<TCaseModule, number> = {
  chuangwen: 42,
  project: 17,
  sentinel: 14,
  assistance: 14,
  discipline: 6,
  other: 7,
};

/** What a unit writes when it submits rectification, by module. */
export const SUBMIT_NOTES: Record<TCaseModule, string[]> = {
  chuangwen: [
    '已组织保洁人员集中清理，现场已恢复整洁，整改前后照片见附件。',
    '已逐户上门宣传劝导，问题已整改，并建立每日巡查台账。',
    '已完成清理并张贴文明提示牌，安排专人每日巡查。',
    '已联合社区网格员整改到位，后续纳入常态化管理。',
  ],
  project: [
    '已增加作业人员和机械设备，本周节点已完成，形象进度照片见附件。',
    '围挡已修复，裸土全部覆盖，冲洗设备已正常运行。',
    '已完成整改并组织安全教育培训，整改记录见附件。',
    '配套管网已进场施工，按倒排工期推进。',
  ],
  sentinel: [
    '已按要求完善登记本，补录旅居史和联系电话，并组织全员培训。',
    '接诊“十须知”已上墙，医务人员已逐条学习并考核。',
    '已调整发热门诊布局，标识已更新，整改照片见附件。',
    '已补齐物资储备并更新台账。',
  ],
  assistance: [
    '已逐户补充完善档案资料，与系统信息核对一致。',
    '已入户宣传政策并张贴明白卡，群众知晓率明显提高。',
    '已协调相关部门落实帮扶措施，佐证材料见附件。',
    '已完成维修并回访群众，群众满意。',
  ],
  discipline: [
    '已召开专题会议研究整改，对相关责任人进行提醒谈话，整改报告见附件。',
    '已完成资金拨付，拨付凭证见附件。',
    '已重新安排值守人员并建立轮岗考勤制度。',
  ],
  other: [
    '已按要求整改完毕，相关材料见附件。',
    '已补充物资并完善台账。',
    '已安排专人负责，建立长效机制。',
  ],
};

/** Why a supervisor returns a rectification. */
export const RETURN_NOTES = [
  '复核发现问题仍未整改到位，请继续整改。',
  '整改照片与现场情况不符，请重新整改并补充材料。',
  '现场复查问题反弹，请建立长效机制后重新提交。',
  '整改不彻底，部分点位仍存在问题。',
  '佐证材料不全，请补充整改前后对比照片。',
];

/** Why a unit asks for more time. */
export const EXTENSION_NOTES = [
  '涉及多户居民，需逐户协调，申请延长整改期限。',
  '需采购材料和设备，到货周期较长，申请延期。',
  '近期连续阴雨天气无法施工，申请延期。',
  '需协调相关部门联合整改，申请延期。',
];

/** Why a supervisor refuses an extension. */
export const REFUSE_EXTENSION_NOTES = ['问题整改难度不大，请按原期限完成。', '延期理由不充分，请加派人员按期整改。'];

/** Why a case is cancelled, with the outcome kept apart from closure. */
export const CANCEL_REASONS: { note: string; outcome: 'duplicate' | 'unfounded' | 'not_ours' }[] = [
  { note: '与已交办事项重复，合并办理。', outcome: 'duplicate' },
  { note: '经现场核实，反映问题不属实。', outcome: 'unfounded' },
  { note: '经核实不属于本区管辖范围，已移交相关部门。', outcome: 'not_ours' },
];

/** What a supervisor notes when verifying. */
export const VERIFY_NOTES = ['现场复核已整改到位，同意销号。', '经复核整改到位。', '复核通过，请保持长效管理。', null];
