/**
 * A household's timeline (时间线): everything that happened to or for it, from every module, in one
 * chronological list (newest first, paged), each event worded in Chinese with who did it and why.
 * Scope is the household detail's: a household outside the caller's area is 404; ID numbers are
 * masked (the timeline has no reveal).
 */
import {
  TIMELINE_KINDS,
  type THouseholdTimeline,
  type TTimelineEvent,
  type TTimelineQuery,
} from '../../../shared/contracts/households.js';
import { CASE_STATUS_LABELS, type TCaseStatus } from '../../../shared/domain/case-machine.js';
import { maskIdNumber } from '../../../shared/domain/households/id-number.js';
import { formatAmount } from '../../../shared/domain/households/income.js';
import { PROCEDURE_STATUS_LABELS, PROCEDURES, type TProcedureKind, type TProcedureStatus } from '../../../shared/domain/households/procedure.js';
import { SCREENING_RULE_LABELS, type TScreeningRuleId } from '../../../shared/domain/households/screening.js';
import {
  DEPARTMENT_SOURCE_LABELS,
  GUARANTEE_ITEM_LABELS,
  LEAD_CHANNEL_LABELS,
  MEASURE_STATUS_LABELS,
  MEASURE_TYPE_LABELS,
  MONITORING_CATEGORY_LABELS,
  MOVE_KIND_LABELS,
  RISK_TYPE_LABELS,
  type TDepartmentSource,
  type TGuaranteeItem,
  type TLeadChannel,
  type TMeasureStatus,
  type TMeasureType,
  type TMonitoringCategory,
  type TRiskType,
} from '../../../shared/domain/households/vocab.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/app-error.js';
import type { TUser } from '../../lib/types.js';
import { getArchiveDocuments } from './archives.service.js';
import * as repo from './households.repo.js';
import * as timelineRepo from './households.timeline.repo.js';

/** Labels looked up while wording events. */
interface TWording {
  documentName: (code: string) => string;
}

const label = <K extends string>(labels: Record<K, string>, code: unknown): string => labels[code as K] ?? String(code ?? '');
const money = (v: unknown) => formatAmount(Number(v));
/** Parts of a detail joined by ；, a part's own closing punctuation dropped (…无异议。；公示 reads badly). */
const join = (...parts: (string | null | undefined | false)[]) =>
  parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/[。；;，,\s]+$/, ''))
    .filter(Boolean)
    .join('；') || null;

type TWorded = Pick<TTimelineEvent, 'title' | 'detail' | 'tone'> & Partial<Pick<TTimelineEvent, 'link' | 'actorName'>>;

function wordLead(d: Record<string, unknown>): TWorded {
  const kind = d.leadKind as TProcedureKind;
  const procedure = kind === 'elimination' ? '风险消除' : '识别纳入';
  const stepLabel = PROCEDURES[kind]?.find((s) => s.step === d.step)?.label ?? String(d.step ?? '');
  const link = { type: 'lead' as const, id: Number(d.leadId) };
  const note = d.note ? String(d.note) : null;
  const publicity = d.data as { publicityStart?: string; publicityEnd?: string } | null;
  const code = `线索 ${d.leadCode}`;
  switch (d.action) {
    case 'create': {
      if (kind === 'elimination') return { title: '启动风险消除程序', detail: join(note, code), tone: 'info', link };
      const channel = label(LEAD_CHANNEL_LABELS, d.channel as TLeadChannel);
      const dept = d.department ? `·${label(DEPARTMENT_SOURCE_LABELS, d.department as TDepartmentSource)}` : '';
      const id = d.idNumber ? maskIdNumber(String(d.idNumber)) : null;
      const person = d.personName ? `对象：${d.personName}${id ? `（${id}）` : ''}` : id ? `对象证件号码：${id}` : null;
      const actorName = d.channel === 'self_report' ? '本人申报' : undefined;
      return { title: `发现监测线索（${channel}${dept}）`, detail: join(note, person, code), tone: 'warning', link, ...(actorName ? { actorName } : {}) };
    }
    case 'complete': {
      const isFinal = d.toStatus !== 'in_progress';
      const result = isFinal ? `，${PROCEDURE_STATUS_LABELS[kind]?.[d.toStatus as TProcedureStatus] ?? ''}` : '';
      const dates = publicity?.publicityStart ? `公示 ${publicity.publicityStart} 至 ${publicity.publicityEnd}` : null;
      return { title: `${procedure}：${stepLabel}完成${result}`, detail: join(note, dates, code), tone: isFinal ? 'success' : 'info', link };
    }
    case 'refuse':
      return {
        title: `${procedure}：${stepLabel}未通过，${PROCEDURE_STATUS_LABELS[kind]?.refused ?? '终止'}`,
        detail: join(note ? `原因：${note}` : null, code),
        tone: 'danger',
        link,
      };
    case 'escalate':
      return { title: `${procedure}超时，转督办`, detail: join(note, code), tone: 'danger', link };
    case 'case_closed':
      return { title: `${procedure}超时督办事项已办结`, detail: join(note, code), tone: 'success', link };
    case 'case_reopened':
      return { title: `${procedure}超时督办事项重新整改`, detail: join(note, code), tone: 'warning', link };
    default:
      return { title: `${procedure}：${String(d.action)}`, detail: join(note, code), tone: 'info', link };
  }
}

/** Words one event of the query. */
function wordEvent(r: timelineRepo.TTimelineRow, w: TWording): TWorded {
  const d = r.data;
  switch (r.kind) {
    case 'registered':
      return { title: '农户建档', detail: `户编号 ${d.code}`, tone: 'info' };
    case 'member': {
      const move = label(MOVE_KIND_LABELS, d.move);
      const names = (d.memberNames as string[]) ?? [];
      const who = names.length > 6 ? `${names.slice(0, 6).join('、')} 等 ${names.length} 人` : names.join('、');
      const other = d.otherCode ? (d.isIn ? `来自户编号 ${d.otherCode}` : `迁往户编号 ${d.otherCode}`) : null;
      // The seed and older records note the move's own name (建档登记): not worth a line.
      const note = d.note && d.note !== move ? String(d.note) : null;
      return { title: `成员${move}：${who}`, detail: join(other, note), tone: d.isIn ? 'info' : 'warning' };
    }
    case 'income':
      return {
        title: `录入 ${d.year} 年收入`,
        detail: `人均纯收入 ${money(d.perCapita)} 元（${d.householdSize} 人），家庭纯收入 ${money(d.netIncome)} 元`,
        tone: 'info',
      };
    case 'guarantee': {
      const items = (d.items as { item: TGuaranteeItem; status: string; note: string | null }[]) ?? [];
      // Worded like the household page's tags (住房安全有保障：否), with the note.
      const detail = items.map((i) => `${GUARANTEE_ITEM_LABELS[i.item] ?? i.item}：${i.status === 'secured' ? '是' : '否'}${i.note ? `（${i.note}）` : ''}`).join('；');
      return { title: `${d.year} 年两不愁三保障及饮水核查`, detail, tone: items.some((i) => i.status !== 'secured') ? 'danger' : 'success' };
    }
    case 'flag': {
      const rule = label(SCREENING_RULE_LABELS, d.rule as TScreeningRuleId);
      return d.isResolved
        ? { title: `风险提示消除：${rule}（${d.year} 年）`, detail: `原提示：${d.message}`, tone: 'success' }
        : { title: `风险提示：${rule}（${d.year} 年）`, detail: String(d.message), tone: 'danger' };
    }
    case 'lead':
      return wordLead(d);
    case 'milestone': {
      if (d.isElimination) return { title: '风险消除', detail: '消除时间取自农户信息', tone: 'success' };
      const risks = ((d.riskTypes as string[]) ?? []).map((r) => label(RISK_TYPE_LABELS, r as TRiskType));
      return {
        title: '识别纳入监测',
        detail: join(d.category ? `监测对象类别：${label(MONITORING_CATEGORY_LABELS, d.category as TMonitoringCategory)}` : null, risks.length ? `风险类型：${risks.join('、')}` : null, '识别时间取自农户信息'),
        tone: 'warning',
      };
    }
    case 'measure': {
      const period = d.endOn ? `${d.startOn} 至 ${d.endOn}` : `${d.startOn} 起`;
      return {
        title: `帮扶措施：${label(MEASURE_TYPE_LABELS, d.type as TMeasureType)}`,
        detail: join(String(d.content), d.amount != null ? `${money(d.amount)} 元` : null, period, d.unitName as string | null, `当前${label(MEASURE_STATUS_LABELS, d.status as TMeasureStatus)}`),
        tone: d.status === 'cancelled' ? 'warning' : 'info',
      };
    }
    case 'fund': {
      const isPayment = d.fundKind === 'payment';
      return {
        title: `${isPayment ? '资金拨付' : '资金安排'} ${money(d.amount)} 元`,
        detail: join(`${label(MEASURE_TYPE_LABELS, d.measureType as TMeasureType)}：${d.measureContent}`, d.note as string | null),
        tone: isPayment ? 'success' : 'info',
      };
    }
    case 'visit': {
      const photos = Number(d.photos) ? `照片 ${d.photos} 张` : null;
      const problem = d.hasProblem ? (d.caseId ? `发现问题，已转督办事项 #${d.caseId}` : '发现问题') : null;
      return {
        title: d.hasProblem ? '入户走访（发现问题）' : '入户走访',
        detail: join(String(d.findings), photos, problem),
        tone: d.hasProblem ? 'warning' : 'info',
        link: d.caseId ? { type: 'case', id: Number(d.caseId) } : null,
      };
    }
    case 'archive': {
      const docs = ((d.docs as string[]) ?? []).map(w.documentName);
      return { title: `一户一档：上传 ${d.files} 个文件`, detail: docs.join('、'), tone: 'info' };
    }
    case 'case': {
      const from = d.originType === 'household_lead' ? '线索超时' : '走访发现问题';
      return {
        title: `督办事项：${d.title}`,
        detail: join(`${d.code}`, `来源：${from}`, `当前${label(CASE_STATUS_LABELS, d.status as TCaseStatus)}`),
        tone: d.status === 'closed' ? 'success' : 'danger',
        link: { type: 'case', id: Number(d.caseId) },
      };
    }
  }
}

/** The cursor of the page after this row. */
const cursorOf = (r: timelineRepo.TTimelineRow) => `${r.atUs}_${r.rank}_${r.rowKey}`;

function parseCursor(s: string): timelineRepo.TTimelineCursor {
  const [atUs, rank, rowKey] = s.split('_');
  return { atUs, rank: Number(rank), rowKey };
}

/** One page of a household's timeline in the caller's scope; 404 outside it, as the detail. */
export async function getHouseholdTimeline(db: Db, user: TUser, householdId: number, q: TTimelineQuery): Promise<THouseholdTimeline> {
  const h = await repo.findHouseholdById(db, user, householdId);
  if (!h) notFound('农户');
  const kinds = q.kinds?.length ? q.kinds : TIMELINE_KINDS;
  const [rows, total, docs] = await Promise.all([
    timelineRepo.findTimelineEvents(db, user, { householdId, kinds, before: q.before ? parseCursor(q.before) : null, limit: q.limit }),
    timelineRepo.countTimelineEvents(db, user, { householdId, kinds }),
    getArchiveDocuments(db),
  ]);
  const names = new Map(docs.items.map((d) => [d.code, d.name]));
  const wording: TWording = { documentName: (code) => names.get(code) ?? `其他材料（${code}）` };
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => {
      const worded = wordEvent(r, wording);
      return {
        id: `${r.kind}-${r.rank}-${r.rowKey}`,
        kind: r.kind,
        at: r.at,
        on: r.on,
        title: worded.title,
        detail: worded.detail,
        actorName: worded.actorName ?? r.actorName,
        tone: worded.tone,
        link: worded.link ?? null,
      };
    }),
    total,
    nextCursor: rows.length > q.limit ? cursorOf(page[page.length - 1]) : null,
  };
}
