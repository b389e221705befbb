/**
 * The create/edit dialog of the admin and 创文 pages: one vertical form with 保存/取消 that
 * validates, shows the saving state, and on a server error puts its field messages on the form.
 */
import { App, Form, Modal, type FormInstance, type FormProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useErrorHandler } from '../lib/useErrorHandler';

/** What a FormModal shows and does. */
export interface TFormModalProps<TValues> {
  title: ReactNode;
  /** Saves the validated values; resolves when saved, rejects with the server's error. */
  onSubmit: (values: TValues) => Promise<unknown>;
  /** Shown once saved, just before the dialog closes. */
  successMessage: string;
  onClose: () => void;
  initialValues?: FormProps<TValues>['initialValues'];
  /** A form from Form.useForm when the caller watches fields; otherwise the dialog makes its own. */
  form?: FormInstance<TValues>;
  /** Text of the confirm button; 保存 unless told. */
  okText?: string;
  /** For a dialog that stays mounted; most are mounted only while open. */
  open?: boolean;
  /** While the initial values load the form is not rendered and cannot be saved. */
  isLoading?: boolean;
  width?: number;
  children: ReactNode;
}

/**
 * A modal form: 保存 validates, awaits `onSubmit`, says `successMessage` and closes; a failed
 * save shows the error and marks the fields the server named (useErrorHandler).
 */
export function FormModal<TValues>(props: TFormModalProps<TValues>) {
  const [form] = Form.useForm<TValues>(props.form);
  const [isSaving, setIsSaving] = useState(false);
  const onError = useErrorHandler();
  const { message } = App.useApp();

  const submit = async () => {
    let values: TValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form already shows which fields are wrong
    }
    setIsSaving(true);
    try {
      await props.onSubmit(values);
    } catch (err) {
      onError(err, form);
      return;
    } finally {
      setIsSaving(false);
    }
    message.success(props.successMessage);
    props.onClose();
  };

  return (
    <Modal
      open={props.open ?? true}
      title={props.title}
      okText={props.okText ?? '保存'}
      cancelText="取消"
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={isSaving}
      okButtonProps={{ disabled: props.isLoading }}
      destroyOnHidden
      width={props.width}
    >
      {props.isLoading ? null : (
        <Form<TValues> form={form} layout="vertical" initialValues={props.initialValues}>
          {props.children}
        </Form>
      )}
    </Modal>
  );
}
