/**
 * The checklist templates every zone starts with: 接诊“十须知” for sentinel clinics, the 创文
 * community assessment, and the construction-site check. Called by the demo seed.
 */
import { ZSaveChecklistBody, type TSaveChecklistBody } from '../../../shared/contracts/checklists.js';
import type { TCaseModule } from '../../../shared/domain/case-vocab.js';
import type { Db } from '../../db/client.js';
import * as repo from './checklists.repo.js';
import { createTemplate } from './checklists.service.js';

/** A template the seed created, with its item ids in order (for demo inspections). */
export interface TSeededTemplate {
  id: number;
  name: string;
  module: TCaseModule;
  itemIds: number[];
}

type TSeedItem = Omit<TSaveChecklistBody['items'][number], 'id' | 'defaultUnitId'> & { unit?: string };

const TEN_POINTS: TSeedItem[] = [
  { title: '莫大意', standard: '思想高度重视，落实首诊负责制，对每位就诊者保持警惕，不因症状轻微放松筛查。', category: '接诊规范', defaultDeadlineDays: 1, severity: 'normal' },
  { title: '熟程序', standard: '医务人员熟悉发热病人接诊、登记、报告、转诊流程，能准确说出“村报告、镇采样、县检测”的处置步骤。', category: '接诊规范', defaultDeadlineDays: 3, severity: 'normal' },
  { title: '勤通风', standard: '诊室、候诊区每日开窗通风不少于 3 次，每次不少于 30 分钟，保持空气流通。', category: '环境防控', defaultDeadlineDays: 1, severity: 'normal' },
  { title: '重防护', standard: '医务人员规范佩戴医用外科口罩或 N95 口罩、工作帽、手套，做好手卫生；防护用品储备充足。', category: '个人防护', defaultDeadlineDays: 1, severity: 'serious' },
  { title: '量体温', standard: '对所有就诊者及陪诊人员测量体温并记录；体温超过 37.3℃ 的立即按发热病人流程处置。', category: '预检分诊', defaultDeadlineDays: 0, severity: 'urgent' },
  { title: '问症状', standard: '询问并记录有无发热、干咳、乏力、咽痛、嗅(味)觉减退、腹泻等症状。', category: '预检分诊', defaultDeadlineDays: 1, severity: 'serious' },
  { title: '查旅居', standard: '询问并核实 14 天内旅居史和接触史，查验健康码、行程卡。', category: '预检分诊', defaultDeadlineDays: 1, severity: 'serious' },
  { title: '录信息', standard: '发热病人登记完整：姓名、身份证号、电话、住址、体温、症状、发病时间、旅居史、是否已服退烧药及处置去向。', category: '登记报告', defaultDeadlineDays: 1, severity: 'normal' },
  { title: '快报告', standard: '发现发热病人或可疑病例立即向乡镇卫生院和疾控机构报告，不得延误、瞒报、漏报。', category: '登记报告', defaultDeadlineDays: 0, severity: 'urgent' },
  { title: '严消毒', standard: '诊室、器械和物体表面按规定每日消毒并有记录；医疗废物分类收集、规范处置。', category: '环境防控', defaultDeadlineDays: 1, severity: 'serious' },
];

const CHUANGWEN_COMMUNITY: TSeedItem[] = [
  { title: '垃圾清扫及时、无乱倒', standard: '楼道、路面、绿化带干净整洁，垃圾日产日清，无乱倒垃圾、无积存垃圾，垃圾桶摆放整齐、无满溢。', category: '垃圾乱倒', defaultDeadlineDays: 1, severity: 'normal' },
  { title: '无小广告乱贴乱画', standard: '楼道、墙面、电线杆、公共设施上无小广告、乱涂乱画，发现后及时清理。', category: '小广告乱贴', unit: '示范区城市管理局', defaultDeadlineDays: 2, severity: 'normal' },
  { title: '电动车上牌及规范停放', standard: '电动车按规定上牌，集中停放在指定区域，无楼道停放、无飞线充电。', category: '电动车无牌上路', defaultDeadlineDays: 7, severity: 'normal' },
  { title: '无随处晾晒衣物', standard: '临街、公共区域无乱搭乱挂、随处晾晒衣物被褥现象。', category: '随处晾晒衣物', defaultDeadlineDays: 1, severity: 'normal' },
  { title: '电线无私拉乱扯', standard: '无私拉乱扯电线、飞线充电，线路规范入管入槽，无安全隐患。', category: '电线私拉乱扯', defaultDeadlineDays: 3, severity: 'serious' },
  { title: '杂物无乱堆乱放', standard: '楼道、屋顶、公共空间无杂物、建筑垃圾堆放，消防通道畅通。', category: '杂物乱堆乱放', defaultDeadlineDays: 3, severity: 'normal' },
  { title: '物业管理到位', standard: '物业服务公示上墙，保洁、保安、维修到位，公共设施完好，有问题台账和整改记录。', category: '物业管理不到位', unit: '示范区住房和城乡建设局', defaultDeadlineDays: 7, severity: 'normal' },
  { title: '创文氛围营造', standard: '公益广告、社会主义核心价值观宣传、文明公约等宣传品设置规范、数量充足、无破损。', category: '创文氛围营造', defaultDeadlineDays: 5, severity: 'normal' },
  { title: '公厕管理规范', standard: '公厕干净无异味、设施完好，有保洁制度和保洁记录，标识清晰。', category: '公厕管理', unit: '示范区城市管理局', defaultDeadlineDays: 2, severity: 'normal' },
  { title: '机动车、非机动车有序停放', standard: '机动车、非机动车按位停放、排列整齐，无占用消防通道、人行道、绿地停放。', category: '车辆乱停乱放', defaultDeadlineDays: 3, severity: 'normal' },
];

const SITE_SAFETY: TSeedItem[] = [
  { title: '围挡设置规范', standard: '施工现场连续封闭围挡，主要路段高度不低于 2.5 米、一般路段不低于 1.8 米，整洁牢固、无破损。', category: '文明施工', defaultDeadlineDays: 3, severity: 'normal' },
  { title: '工程概况牌和进度公示', standard: '大门处设置工程概况牌、管理人员名单、安全生产牌、消防保卫牌、文明施工牌及施工总平面图，公示进度计划（挂图作战）。', category: '文明施工', defaultDeadlineDays: 3, severity: 'normal' },
  { title: '裸土覆盖、道路硬化', standard: '裸露土方和渣土 100% 覆盖，出入口及场内主要道路 100% 硬化。', category: '扬尘治理', defaultDeadlineDays: 1, severity: 'serious' },
  { title: '车辆冲洗、密闭运输', standard: '出入口设置冲洗设施，车辆冲洗干净后上路；渣土车辆密闭运输，无带泥上路、抛洒滴漏。', category: '扬尘治理', defaultDeadlineDays: 1, severity: 'serious' },
  { title: '湿法作业', standard: '土方开挖、拆除等作业洒水降尘，配备雾炮等降尘设备并正常使用。', category: '扬尘治理', defaultDeadlineDays: 1, severity: 'normal' },
  { title: '安全帽佩戴、持证上岗', standard: '进入现场人员正确佩戴安全帽，高处作业系安全带；特种作业人员持证上岗。', category: '安全生产', defaultDeadlineDays: 0, severity: 'urgent' },
  { title: '临边洞口防护', standard: '基坑、楼层临边、洞口、通道口按规范设置防护栏杆、盖板和安全网。', category: '安全生产', defaultDeadlineDays: 0, severity: 'urgent' },
  { title: '临时用电规范', standard: '执行三级配电、两级保护，一机一闸一漏一箱，电缆架空或埋地敷设，无私拉乱接。', category: '安全生产', defaultDeadlineDays: 1, severity: 'serious' },
  { title: '消防器材配备', standard: '生活区、仓库、作业区按规定配置灭火器等消防器材，消防通道畅通，动火作业有审批和监护。', category: '消防安全', defaultDeadlineDays: 1, severity: 'serious' },
  { title: '材料堆放整齐', standard: '建筑材料分类、分区堆放整齐并挂牌标识，建筑垃圾及时清运。', category: '文明施工', defaultDeadlineDays: 3, severity: 'normal' },
];

const TEMPLATES: { name: string; module: TCaseModule; description: string; items: TSeedItem[] }[] = [
  {
    name: '接诊“十须知”',
    module: 'sentinel',
    description: '村卫生室、卫生院和零售药店暗访、督导检查使用：发热病人接诊的十项要求。',
    items: TEN_POINTS,
  },
  {
    name: '创文小区测评',
    module: 'chuangwen',
    description: '创建全国文明城市小区（社区）实地测评：发现问题现场交办，限期整改清零。',
    items: CHUANGWEN_COMMUNITY,
  },
  {
    name: '工地安全文明施工检查',
    module: 'project',
    description: '重点项目工地安全生产、扬尘治理和文明施工检查，问题交施工单位限期整改。',
    items: SITE_SAFETY,
  },
];

/**
 * Creates the starting templates. `unitByName` maps unit names (as seeded by seedBase) to ids;
 * an item whose default unit is missing from it gets no default unit.
 */
export async function seedChecklistTemplates(db: Db, unitByName: ReadonlyMap<string, { id: number }>): Promise<TSeededTemplate[]> {
  const out: TSeededTemplate[] = [];
  for (const t of TEMPLATES) {
    const body = ZSaveChecklistBody.parse({
      name: t.name,
      module: t.module,
      description: t.description,
      items: t.items.map(({ unit, ...item }) => ({ ...item, defaultUnitId: unit ? (unitByName.get(unit)?.id ?? null) : null })),
    });
    const { id } = await createTemplate(db, null, body);
    const items = await repo.findTemplateItems(db, id);
    out.push({ id, name: t.name, module: t.module, itemIds: items.map((i) => i.id) });
  }
  return out;
}
