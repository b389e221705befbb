/** 定位: asks the browser for the current position (GPS on phones) and reports it rounded to ~0.1 m. */
import { App } from 'antd';
import { useCallback, useState } from 'react';

/** Returns `locate(onFound)` and whether a request is running. */
export function useLocate() {
  const { message } = App.useApp();
  const [locating, setLocating] = useState(false);
  const locate = useCallback(
    (onFound: (pos: { lat: number; lng: number }) => void) => {
      if (!navigator.geolocation) {
        message.warning('此设备不支持定位');
        return;
      }
      setLocating(true);
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          setLocating(false);
          onFound({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) });
          message.success('已获取当前位置');
        },
        (err) => {
          setLocating(false);
          message.error(err.code === err.PERMISSION_DENIED ? '未获得定位权限，请在浏览器设置中允许定位' : '定位失败，请稍后重试');
        },
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
      );
    },
    [message],
  );
  return { locate, locating };
}
