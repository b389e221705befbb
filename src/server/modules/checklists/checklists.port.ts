/**
 * The checklists port: what other modules use of 现场检查. A module whose records are inspected
 * (a clinic's 暗访, a construction site's 督查) declares them as `inspectionSubjects` in its
 * manifest; inspections then carry the subject, a failed item's case goes to the subject's unit,
 * and the module lists its records' inspections here (or the web with
 * `/api/inspections?subjectType=…&subjectId=…`).
 */
export { listInspections } from './checklists.service.js';
