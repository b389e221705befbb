/** The filter panel of the case list: every filter writes to the URL at once. */
import { Button, Col, DatePicker, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { CASE_STATUSES, CASE_STATUS_LABELS } from '../../../shared/domain/case-machine';
import { CASE_MODULES, CASE_MODULE_LABELS, CASE_SOURCES, CASE_SOURCE_LABELS } from '../../../shared/domain/case-vocab';
import { AreaSelect } from '../../components/AreaSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { toDateParam } from '../../lib/format';
import type { useCaseFilters } from './useCaseFilters';

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** Filters for module, status, source, area, unit, overdue, found-date range and deadline (整改期限) range. */
export function CaseFilters({ filters }: { filters: ReturnType<typeof useCaseFilters> }) {
  const { params, update, clear } = filters;
  const from = params.get('from');
  const to = params.get('to');
  const dueFrom = params.get('dueFrom');
  const dueTo = params.get('dueTo');
  return (
    <Row gutter={[12, 12]} className="zl-filters" style={{ marginBottom: 12 }}>
      <Col xs={24} sm={12} lg={5}>
        <Select
          aria-label="板块"
          mode="multiple"
          allowClear
          placeholder="板块"
          style={{ width: '100%' }}
          value={list(params.get('module'))}
          onChange={(v: string[]) => update({ module: v.join(',') })}
          options={CASE_MODULES.map((m) => ({ value: m, label: CASE_MODULE_LABELS[m] }))}
          maxTagCount="responsive"
        />
      </Col>
      <Col xs={24} sm={12} lg={5}>
        <Select
          aria-label="状态"
          mode="multiple"
          allowClear
          placeholder="状态"
          style={{ width: '100%' }}
          value={list(params.get('status'))}
          onChange={(v: string[]) => update({ status: v.join(',') })}
          options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
          maxTagCount="responsive"
        />
      </Col>
      <Col xs={24} sm={12} lg={5}>
        <Select
          aria-label="来源"
          mode="multiple"
          allowClear
          placeholder="来源"
          style={{ width: '100%' }}
          value={list(params.get('source'))}
          onChange={(v: string[]) => update({ source: v.join(',') })}
          options={CASE_SOURCES.map((s) => ({ value: s, label: CASE_SOURCE_LABELS[s] }))}
          maxTagCount="responsive"
        />
      </Col>
      <Col xs={24} sm={12} lg={4}>
        <Select
          aria-label="是否超期"
          allowClear
          placeholder="是否超期"
          style={{ width: '100%' }}
          value={params.get('overdue') ?? undefined}
          onChange={(v?: string) => update({ overdue: v })}
          options={[
            { value: 'true', label: '已超期' },
            { value: 'false', label: '未超期' },
          ]}
        />
      </Col>
      <Col xs={24} sm={12} lg={5}>
        <AreaSelect
          allowClear
          placeholder="区域"
          value={params.get('areaId') ? Number(params.get('areaId')) : undefined}
          onChange={(v) => update({ areaId: v })}
        />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <UnitSelect
          allowClear
          placeholder="责任单位"
          value={params.get('unitId') ? Number(params.get('unitId')) : undefined}
          onChange={(v) => update({ unitId: v })}
        />
      </Col>
      <Col xs={24} sm={12} lg={7}>
        <DatePicker.RangePicker
          aria-label="发现日期"
          style={{ width: '100%' }}
          placeholder={['发现日期起', '止']}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) => update({ from: toDateParam(range?.[0]), to: toDateParam(range?.[1]) })}
          inputReadOnly
        />
      </Col>
      <Col xs={24} sm={12} lg={7}>
        <DatePicker.RangePicker
          aria-label="整改期限"
          style={{ width: '100%' }}
          placeholder={['整改期限起', '止']}
          value={[dueFrom ? dayjs(dueFrom) : null, dueTo ? dayjs(dueTo) : null]}
          allowEmpty={[true, true]}
          onChange={(range) => update({ dueFrom: toDateParam(range?.[0]), dueTo: toDateParam(range?.[1]) })}
          inputReadOnly
        />
      </Col>
      <Col xs={24} sm={12} lg={4}>
        <Button onClick={clear} block>
          清空筛选
        </Button>
      </Col>
    </Row>
  );
}
