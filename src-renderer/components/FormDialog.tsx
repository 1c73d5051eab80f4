import { Button, Group, Modal, Stack, type MantineColor, type MantineSpacing, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** @mantine/form's `form.onSubmit(...)` handler (also called without an event, e.g. on Ctrl+Enter). */
type SubmitHandler = (event?: FormEvent<HTMLFormElement>) => void;

/**
 * One form dialog: a modal holding a form whose footer has Cancel (Close when read-only) and Save.
 * Server errors are mapped to the fields by the caller (`applyApiError` / `saved`); this only lays
 * out the dialog. Props other than the form's go to the Modal as they are.
 */
export function FormDialog({
  onSubmit,
  saveOnCtrlEnter = false,
  noValidate,
  readOnly = false,
  submitting,
  submitLabel,
  submitColor,
  submitTestId,
  withCancel = true,
  onCancel,
  footerStart,
  footerMt,
  after,
  children,
  ...modal
}: Omit<ModalProps, 'children' | 'onSubmit'> & {
  onSubmit: SubmitHandler;
  /** Ctrl+Enter (⌘+Enter) anywhere in the form saves. */
  saveOnCtrlEnter?: boolean;
  noValidate?: boolean;
  /** Only Close: no Save, and Ctrl+Enter does nothing. */
  readOnly?: boolean;
  submitting: boolean;
  submitLabel?: ReactNode;
  /** The Save button's colour (red for a void, orange for closing a shift); the theme's by default. */
  submitColor?: MantineColor;
  submitTestId?: string;
  withCancel?: boolean;
  /** What Cancel does; the modal's onClose by default. */
  onCancel?: () => void;
  /** Left of the buttons (a hint or an extra action); the buttons then sit right, in their own group. */
  footerStart?: ReactNode;
  footerMt?: MantineSpacing;
  /** Inside the modal after the form (a follow-up dialog). */
  after?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const buttons = (
    <>
      {withCancel && (
        <Button variant="default" onClick={onCancel ?? modal.onClose}>
          {readOnly ? t('common:close') : t('common:cancel')}
        </Button>
      )}
      {!readOnly && (
        <Button type="submit" color={submitColor} loading={submitting} data-testid={submitTestId}>
          {submitLabel ?? t('common:save')}
        </Button>
      )}
    </>
  );
  return (
    <Modal {...modal}>
      <form
        onSubmit={onSubmit}
        onKeyDown={
          saveOnCtrlEnter
            ? (e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !readOnly) onSubmit();
              }
            : undefined
        }
        noValidate={noValidate}
      >
        <Stack gap="sm">
          {children}
          {footerStart !== undefined ? (
            <Group justify="space-between" mt={footerMt}>
              {footerStart}
              <Group gap="sm">{buttons}</Group>
            </Group>
          ) : (
            <Group justify="flex-end" mt={footerMt}>
              {buttons}
            </Group>
          )}
        </Stack>
      </form>
      {after}
    </Modal>
  );
}
