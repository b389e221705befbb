/**
 * Bar chart of open and overdue cases per module. Loaded lazily with only the ECharts
 * parts it needs, so the home screen's first paint does not wait for the chart library.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The chart; `data` is one entry per module. */
export default function ModuleChart({ data }: { data: { name: string; open: number; overdue: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['在办', '其中超期'], top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.map((d) => d.name), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '在办', type: 'bar', data: data.map((d) => d.open), itemStyle: { color: '#3b82f6' }, barMaxWidth: 28 },
        { name: '其中超期', type: 'bar', data: data.map((d) => d.overdue), itemStyle: { color: '#ef4444' }, barMaxWidth: 28 },
      ],
    });
    const onResize = () => chart.resize();
    const observer = new ResizeObserver(onResize);
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} role="img" aria-label="各板块在办与超期事项柱状图" style={{ width: '100%', height: 300 }} />;
}
