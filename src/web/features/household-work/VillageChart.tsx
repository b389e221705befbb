/**
 * Bar chart of monitored and flagged households per village. Loaded lazily with only the ECharts
 * parts it needs, like the home page's chart, so the statistics table paints first.
 */
import { BarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The chart; `data` is one entry per village. */
export default function VillageChart({ data }: { data: { name: string; monitored: number; flagged: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const narrow = ref.current.clientWidth < 600;
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['监测户（在监测）', '有预警户'], top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: narrow ? 40 : 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: data.map((d) => d.name.replace('行政村', '村')),
        axisTick: { show: false },
        axisLabel: { interval: 0, rotate: narrow || data.length > 12 ? 45 : 0, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      dataZoom: narrow && data.length > 8 ? [{ type: 'slider', height: 16, bottom: 4, startValue: 0, endValue: 7 }] : [],
      series: [
        { name: '监测户（在监测）', type: 'bar', data: data.map((d) => d.monitored), itemStyle: { color: '#3b82f6' }, barMaxWidth: 22 },
        { name: '有预警户', type: 'bar', data: data.map((d) => d.flagged), itemStyle: { color: '#f59e0b' }, barMaxWidth: 22 },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} role="img" aria-label="各村监测户与有预警户柱状图" style={{ width: '100%', height: 320 }} />;
}
