/**
 * Renders the weekly 通报 content to a Word document in the usual official form (red title,
 * issue number, issuer and date over a red rule, numbered sections, the ranking table) and
 * to an Excel workbook. Pure rendering: the content comes from measures.service#getBulletin.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { TBulletin, TCaseBrief } from '../../../shared/contracts/chuangwen.js';
import { CASE_STATUS_LABELS } from '../../../shared/domain/case-machine.js';
import { chineseDate, percent, type TBulletinImages, type TDocImage } from './measures.service.js';

const RED = 'C00000';
const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
// Sizes in half-points: 二号 22pt, 三号 16pt, 五号 10.5pt.
const SIZE_TITLE = 44;
const SIZE_BODY = 32;
const SIZE_TABLE = 21;

const zoneDay = (iso: string | null) => (iso ? chineseDate(new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10)).replace(/^\d+年/, '') : '');

function overdueDays(c: TCaseBrief, at: Date): number {
  return c.deadline ? Math.max(0, Math.floor((at.getTime() - new Date(c.deadline).getTime()) / 86_400_000)) : 0;
}

function body(text: string, opts: { indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: BODY_FONT, size: SIZE_BODY })],
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: HEADING_FONT, size: SIZE_BODY })],
  });
}

function cell(text: string, opts: { bold?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, font: BODY_FONT, size: SIZE_TABLE, bold: opts.bold })],
      }),
    ],
  });
}

function table(head: string[], rows: string[][], widths?: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, { bold: true, width: widths?.[i] })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, { width: widths?.[i] })) })),
    ],
  });
}

/** The ranking table's header and rows, shared by Word and Excel. */
export function rankingTable(b: TBulletin): { head: string[]; rows: string[][] } {
  return {
    head: ['排名', '责任单位', '应结案', '结案', '按期结案', '结案率', '按期结案率', '返工率', '延期率', '超期', '平均整改(小时)', '得分'],
    rows: b.ranking.map((r) => [
      String(r.rank),
      r.name,
      String(r.due),
      String(r.closed),
      String(r.closedOnTime),
      percent(r.closeRate),
      percent(r.onTimeRate),
      percent(r.returnRate),
      percent(r.extensionRate),
      String(r.overdue),
      r.avgRectifyHours == null ? '—' : String(r.avgRectifyHours),
      r.score.toFixed(2),
    ]),
  };
}

function caseRows(items: TCaseBrief[], withOverdue?: Date): string[][] {
  return items.map((c, i) => [
    String(i + 1),
    c.title,
    [c.areaName, c.place].filter(Boolean).join(' '),
    c.unitName ?? '未交办',
    zoneDay(c.foundAt),
    withOverdue ? `${overdueDays(c, withOverdue)}天` : CASE_STATUS_LABELS[c.status],
  ]);
}

function listSection(title: string, section: TBulletin['newProblems'], lastHead: string, overdueAt?: Date): (Paragraph | Table)[] {
  const shown = section.items.length < section.total ? `，列举前${section.items.length}个` : '';
  const out: (Paragraph | Table)[] = [heading(title), body(`共${section.total}个${shown}。`)];
  if (section.items.length) {
    out.push(table(['序号', '问题', '地点', '责任单位', '发现日期', lastHead], caseRows(section.items, overdueAt), [7, 28, 22, 23, 10, 10]));
  }
  return out;
}

// Width of one photo on the page, in pixels at 96 dpi (two side by side fit the text width).
const PHOTO_WIDTH = 260;

function photoCell(img: TDocImage | null, caption: string): TableCell {
  const picture = img
    ? new ImageRun({ type: 'jpg', data: img.data, transformation: { width: PHOTO_WIDTH, height: Math.round((img.height / img.width) * PHOTO_WIDTH) } })
    : new TextRun({ text: '（无照片）', font: BODY_FONT, size: SIZE_TABLE });
  return new TableCell({
    width: { size: 50, type: WidthType.PERCENTAGE },
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [picture] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: caption, font: BODY_FONT, size: SIZE_TABLE })] }),
    ],
  });
}

/** The before-and-after photos of one typical problem, side by side; nothing when it has none. */
function photoPair(images: TBulletinImages | undefined, caseId: number): Table[] {
  const pair = images?.get(caseId);
  if (!pair || (!pair.before && !pair.after)) return [];
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ children: [photoCell(pair.before, '整改前'), photoCell(pair.after, '整改后')] })],
    }),
  ];
}

/**
 * The 通报 as a .docx file. `at` is when overdue days are counted (the period's cutoff);
 * `images` holds the before-and-after photos of the typical problems (see loadBulletinImages).
 */
export async function renderBulletinDocx(b: TBulletin, at: Date, images?: TBulletinImages): Promise<Buffer> {
  const ranking = rankingTable(b);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: b.title, font: TITLE_FONT, size: SIZE_TITLE, color: RED, bold: true })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: b.issueLabel, font: BODY_FONT, size: SIZE_BODY })] }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: 9000 }],
      border: { bottom: { color: RED, space: 4, style: BorderStyle.SINGLE, size: 18 } },
      spacing: { after: 300 },
      children: [new TextRun({ text: `${b.issuer}\t${b.issuedOn}`, font: BODY_FONT, size: SIZE_BODY })],
    }),
    heading('一、总体情况'),
    body(b.summaryText),
    heading('二、各单位整改排名'),
    body(`按照结案率、按期结案率、返工率、超期数等指标，对各责任单位本期整改情况排名如下（满分100分，退回、超期等按规定扣分）：`),
    table(ranking.head, ranking.rows),
    ...listSection('三、本期新发现问题', b.newProblems, '状态'),
    ...listSection('四、本期已整改销号问题', b.rectified, '状态'),
    ...listSection('五、超期未整改问题', b.overdue, '超期', at),
    heading('六、典型问题'),
    ...(b.typical.length
      ? b.typical.flatMap((c, i) => [
          body(
            `${i + 1}. ${c.areaName}${c.place ? ` ${c.place}` : ''}：${c.title}。责任单位：${c.unitName ?? '未交办'}；` +
              `${c.returnCount > 0 ? `已被退回${c.returnCount}次；` : ''}当前状态：${CASE_STATUS_LABELS[c.status]}。`,
          ),
          ...photoPair(images, c.id),
        ])
      : [body('本期无典型问题。')]),
    heading('七、通报批评'),
    body(
      b.namedUnits.length
        ? `对以下存在超期未整改问题的单位予以通报批评：${b.namedUnits.map((u) => `${u.unitName}（${u.overdue}个）`).join('、')}。请相关单位于3个工作日内书面说明原因并完成整改。`
        : '本期无超期未整改问题的单位。',
    ),
    heading('八、下步要求'),
    ...b.requirements.map((r, i) => body(`${i + 1}. ${r}`)),
  ];
  const doc = new Document({
    creator: b.issuer,
    title: `${b.title}（${b.issueLabel}）`,
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The 通报 as an .xlsx workbook: 概况, 排名, 新发现问题, 已整改问题, 超期问题. */
export async function renderBulletinXlsx(b: TBulletin, at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = b.issuer;
  const summary = wb.addWorksheet('概况');
  summary.columns = [{ width: 20 }, { width: 80 }];
  summary.addRows([
    [b.title, b.issueLabel],
    ['统计区间', b.periodLabel],
    ['发现问题', b.summary.found],
    ['整改销号', b.summary.closed],
    ['应结案', b.summary.due],
    ['结案率', percent(b.summary.closeRate)],
    ['按期结案率', percent(b.summary.onTimeRate)],
    ['超期未整改', b.summary.overdue],
    ['尚未办结', b.summary.openAtEnd],
    ['说明', b.summaryText],
  ]);
  summary.getRow(1).font = { bold: true, size: 14 };

  const addTable = (name: string, head: string[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(head).font = { bold: true };
    ws.addRows(rows);
    for (const c of ws.columns) c.width = 16;
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const ranking = rankingTable(b);
  addTable('排名', ranking.head, ranking.rows);
  const caseHead = ['序号', '编号', '问题', '区域', '地点', '责任单位', '发现日期', '期限', '状态', '退回次数'];
  const rowsOf = (items: TCaseBrief[]) =>
    items.map((c, i) => [i + 1, c.code, c.title, c.areaName, c.place ?? '', c.unitName ?? '未交办', zoneDay(c.foundAt), zoneDay(c.deadline), CASE_STATUS_LABELS[c.status], c.returnCount]);
  addTable('新发现问题', caseHead, rowsOf(b.newProblems.items));
  addTable('已整改问题', caseHead, rowsOf(b.rectified.items));
  addTable('超期问题', [...caseHead, '超期天数'], rowsOf(b.overdue.items).map((r, i) => [...r, overdueDays(b.overdue.items[i], at)]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
