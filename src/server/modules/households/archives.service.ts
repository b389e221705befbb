/**
 * Use cases of household archives (一户一档): the list of required documents (a setting), the
 * scans filed per household and document (uploads claimed and linked like every attachment), a
 * household's archive with what is present and missing, and completeness by village.
 */
import type {
  TArchiveCompleteness,
  TArchiveDocument,
  TArchiveDocumentSettings,
  TArchiveFilesBody,
  THouseholdArchive,
} from '../../../shared/contracts/households-work.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { TUser } from '../../lib/types.js';
import * as attachments from '../attachments/attachments.port.js';
import { canEditHouseholds } from './households.policy.js';
import type { THouseholdChange } from './households.service.js';
import * as repo from './archives.repo.js';
import * as leadsRepo from './leads.repo.js';

const SETTINGS_KEY = 'archive_documents';
/** Households listed as incomplete in one completeness answer. */
const INCOMPLETE_LIMIT = 500;
const fail = (field: string, message: string): never => {
  throw new AppError('VALIDATION_FAILED', message, { [field]: message });
};

/** The default list: what county archives of 监测户 and 脱贫户 usually hold (admins change it). */
export const DEFAULT_ARCHIVE_DOCUMENTS: TArchiveDocument[] = [
  { code: 'identity', name: '户籍信息/身份证明', householdTypes: ['lifted', 'monitored'] },
  { code: 'application', name: '农户申请书或承诺授权书', householdTypes: ['lifted', 'monitored'] },
  { code: 'home_visit', name: '入户核实表', householdTypes: ['monitored'] },
  { code: 'deliberation', name: '民主评议记录和公示材料', householdTypes: ['monitored'] },
  { code: 'township_review', name: '乡镇审核意见', householdTypes: ['monitored'] },
  { code: 'county_approval', name: '县级审批表', householdTypes: ['monitored'] },
  { code: 'assist_plan', name: '帮扶计划/措施台账', householdTypes: ['lifted', 'monitored'] },
  { code: 'income_calc', name: '收入核算表', householdTypes: ['lifted', 'monitored'] },
  { code: 'visit_record', name: '走访记录', householdTypes: ['lifted', 'monitored'] },
];

/** The required documents (the default list until an admin sets one). */
export async function getArchiveDocuments(db: Db): Promise<TArchiveDocumentSettings> {
  const row = await leadsRepo.findSetting(db, SETTINGS_KEY);
  const items = (row?.value as { items?: TArchiveDocument[] } | undefined)?.items;
  return { items: items?.length ? items : DEFAULT_ARCHIVE_DOCUMENTS };
}

/** Replaces the list of required documents (files already filed under a removed code are kept). */
export async function setArchiveDocuments(db: Db, user: TUser, body: TArchiveDocumentSettings): Promise<THouseholdChange> {
  const before = await getArchiveDocuments(db);
  await leadsRepo.upsertSetting(db, SETTINGS_KEY, body, user.id);
  return { entity: 'monitoring_setting', entityId: SETTINGS_KEY, action: 'archive_documents.set', before: { ...before }, after: { ...body } };
}

/** The archive of a household in scope: each document required or not, present or missing, with its files. */
export async function getHouseholdArchive(db: Db, user: TUser, householdId: number): Promise<THouseholdArchive> {
  const h = await repo.findArchiveHousehold(db, user, householdId);
  if (!h) notFound('农户');
  const { items } = await getArchiveDocuments(db);
  const files = await attachments.findByOwners(db, repo.ARCHIVE_OWNER_TYPE, [householdId]);
  const known = new Set(items.map((d) => d.code));
  // Files under a code no longer in the list stay visible, as a document not required.
  const extra = [...new Set(files.map((f) => f.kind).filter((k) => !known.has(k)))].map((code) => ({ code, name: `其他材料（${code}）`, householdTypes: [] as string[] }));
  const documents = [...items, ...extra].map((d) => {
    const own = files.filter((f) => f.kind === d.code).map(attachments.presentAttachment);
    return { code: d.code, name: d.name, isRequired: (d.householdTypes as string[]).includes(h.type), isPresent: own.length > 0, files: own };
  });
  const required = documents.filter((d) => d.isRequired);
  const present = required.filter((d) => d.isPresent).length;
  return {
    householdId: h.id,
    householdCode: h.code,
    requiredCount: required.length,
    presentCount: present,
    isComplete: present === required.length,
    documents,
    abilities: { canEdit: canEditHouseholds(user) },
  };
}

/** Files the caller's unlinked uploads under a document of a household's archive. */
export async function addArchiveFiles(db: Db, user: TUser, householdId: number, docCode: string, body: TArchiveFilesBody): Promise<THouseholdChange> {
  const h = await repo.findArchiveHousehold(db, user, householdId);
  if (!h) notFound('农户');
  const { items } = await getArchiveDocuments(db);
  const doc = items.find((d) => d.code === docCode);
  if (!doc) return fail('docCode', '档案材料类别不存在');
  const ids = [...new Set(body.attachmentIds)];
  await attachments.assertClaimable(db, user.id, ids);
  await attachments.link(db, ids, repo.ARCHIVE_OWNER_TYPE, householdId, doc.code);
  return { entity: 'household', entityId: householdId, householdId, action: 'archive.add', before: null, after: { document: doc.code, name: doc.name, attachmentIds: ids } };
}

/** Takes a file out of a household's archive (the upload returns to its uploader, unlinked). */
export async function removeArchiveFile(db: Db, user: TUser, householdId: number, attachmentId: string): Promise<THouseholdChange> {
  const h = await repo.findArchiveHousehold(db, user, householdId);
  if (!h) notFound('农户');
  const a = await attachments.findById(db, attachmentId);
  if (!a || a.ownerType !== repo.ARCHIVE_OWNER_TYPE || a.ownerId !== String(householdId)) notFound('档案文件');
  await attachments.unlink(db, [attachmentId]);
  return { entity: 'household', entityId: householdId, householdId, action: 'archive.remove', before: { document: a!.kind, attachmentId, filename: a!.filename }, after: { removed: attachmentId } };
}

/**
 * Completeness of archives in scope by village: households that must keep one (their type needs
 * at least one document), how many hold every required document, missing counts per document,
 * and the households missing something.
 */
export async function getArchiveCompleteness(db: Db, user: TUser, areaPrefix: string | null): Promise<TArchiveCompleteness> {
  const { items } = await getArchiveDocuments(db);
  const types = [...new Set(items.flatMap((d) => d.householdTypes))];
  const [hs, presence] = await Promise.all([repo.findArchiveHouseholds(db, user, { types, areaPrefix }), repo.findArchivePresence(db, user, { areaPrefix })]);
  const held = new Set(presence.map((p) => `${p.householdId}:${p.code}`));
  const villages = new Map<number, TArchiveCompleteness['villages'][number]>();
  const incomplete: TArchiveCompleteness['incomplete'] = [];
  let complete = 0;
  let incompleteTotal = 0;
  for (const h of hs) {
    const v = villages.get(h.areaId) ?? { areaId: h.areaId, areaName: h.areaName, households: 0, complete: 0, share: 1, missing: Object.fromEntries(items.map((d) => [d.code, 0])) };
    villages.set(h.areaId, v);
    const missing = items.filter((d) => (d.householdTypes as string[]).includes(h.type) && !held.has(`${h.id}:${d.code}`));
    v.households++;
    for (const d of missing) v.missing[d.code]++;
    if (!missing.length) {
      v.complete++;
      complete++;
    } else {
      incompleteTotal++;
      if (incomplete.length < INCOMPLETE_LIMIT) incomplete.push({ householdId: h.id, householdCode: h.code, areaName: h.areaName, missing: missing.map((d) => d.name) });
    }
  }
  for (const v of villages.values()) v.share = v.households ? Math.round((v.complete / v.households) * 1000) / 1000 : 1;
  return {
    documents: items.map((d) => ({ code: d.code, name: d.name })),
    households: hs.length,
    complete,
    villages: [...villages.values()],
    incomplete,
    isTruncated: incompleteTotal > incomplete.length,
  };
}
