/** A switch with its label beside it, as the lists use for 显示已停用 / 含已停用. */
import { Space, Switch } from 'antd';

/** A switch followed by its label; the label also names the switch for screen readers. */
export function LabelledSwitch(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; size?: 'small' | 'default' }) {
  return (
    <Space>
      <Switch size={props.size} checked={props.checked} onChange={props.onChange} aria-label={props.label} />
      {props.label}
    </Space>
  );
}
