/**
 * How a report looks from outside: its public status (Chinese line, open/closed), its public
 * timeline (texts written here, never copied from staff notes) and its public photo URLs.
 */
import { CASE_OUTCOME_LABELS, type TCaseOutcome, type TCaseStatus } from '../../../shared/domain/case-machine.js';
import type { TReportRecord } from './citizen.repo.js';

/** The public status of a report: a Chinese line and whether it counts as closed (Open311). */
export function publicStatus(r: Pick<TReportRecord, 'status' | 'caseStatus' | 'caseOutcome'>): { label: string; isClosed: boolean } {
  if (r.status === 'pending') return { label: '待审核', isClosed: false };
  if (r.status === 'rejected') return { label: '未受理', isClosed: true };
  switch (r.caseStatus as TCaseStatus | null) {
    case 'pending_assign':
      return { label: '已受理，待交办', isClosed: false };
    case 'rectifying':
    case 'returned':
    case 'extension_requested':
      return { label: '整改中', isClosed: false };
    case 'pending_verify':
      return { label: '整改完成，待复核', isClosed: false };
    case 'closed': {
      const outcome = r.caseOutcome ? CASE_OUTCOME_LABELS[r.caseOutcome as TCaseOutcome] : null;
      return { label: outcome ? `已办结（${outcome}）` : '已办结', isClosed: true };
    }
    case 'cancelled':
      return { label: '已撤销', isClosed: true };
    default:
      return { label: '已受理', isClosed: false };
  }
}

/** The public line for one case event, or null for events the public does not see. */
export function publicEventText(e: { action: string; actorKind: 'user' | 'system' | 'citizen' }): string | null {
  switch (e.action) {
    case 'assign':
      return '已交办责任单位整改';
    case 'reassign':
      return '已改派责任单位';
    case 'approve_extension':
      return '整改期限已延长';
    case 'submit':
      return '责任单位已提交整改，等待复核';
    case 'return':
      return '复核未通过，责任单位重新整改';
    case 'verify':
      return '复核通过，已办结';
    case 'cancel':
      return '已撤销';
    case 'reopen':
      return e.actorKind === 'citizen' ? '群众反馈未整改，已重新整改' : '已重新打开整改';
    default:
      return null;
  }
}

/** Masks a phone for display: 138****5678. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** The public URLs of a photo: the EXIF-free copy and the metadata-free thumbnail. */
export function publicPhoto(id: string, hasThumb: boolean, base = '') {
  return { id, url: `${base}/api/public/photos/${id}`, thumbUrl: hasThumb ? `${base}/api/public/photos/${id}/thumb` : null };
}
