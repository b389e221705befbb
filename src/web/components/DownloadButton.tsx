/**
 * A download button: keeps a real link (copy / open in new tab still work) but a click
 * fetches the file through downloadFile, so an error answer shows its Chinese message
 * instead of saving a JSON file, and the button spins while the file is prepared.
 */
import { Button, type ButtonProps } from 'antd';
import { useState, type MouseEvent } from 'react';
import { downloadFile } from '../api/client';

export function DownloadButton({ url, fallbackName, ...rest }: Omit<ButtonProps, 'href' | 'onClick'> & { url: string; fallbackName: string }) {
  const [busy, setBusy] = useState(false);
  const onClick = async (e: MouseEvent<HTMLElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await downloadFile(url, fallbackName);
    } finally {
      setBusy(false);
    }
  };
  return <Button {...rest} href={url} loading={busy || rest.loading} onClick={onClick} />;
}
