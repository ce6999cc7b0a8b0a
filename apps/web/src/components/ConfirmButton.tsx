import { ButtonHTMLAttributes, ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** What the dialog asks before an action that cannot be taken back: a question, its consequence and the action's name. */
export interface Confirmation {
  title: string;
  body: ReactNode;
  action: string;
}

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'> & {
  /** The question to ask first; `null` runs the action at once (a step that can be taken back). */
  confirm: Confirmation | null;
  onConfirm(): unknown;
};

/**
 * A button for an irreversible action (close the event, go live, run the
 * scheduler, apply rooms, decline): it first opens a modal dialog naming the
 * consequence. The dialog is a native <dialog> (role dialog, focus kept inside,
 * Escape cancels); Cancel has the focus, so Enter alone never confirms.
 */
export function ConfirmButton({ confirm, onConfirm, children, ...button }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" {...button} onClick={() => (confirm ? setOpen(true) : onConfirm())}>
        {children}
      </button>
      {open && confirm && (
        <ConfirmDialog
          confirmation={confirm}
          onClose={(confirmed) => {
            setOpen(false);
            if (confirmed) onConfirm();
          }}
        />
      )}
    </>
  );
}

export function ConfirmDialog({ confirmation, onClose }: { confirmation: Confirmation; onClose(confirmed: boolean): void }) {
  const { t } = useI18n();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const answer = useRef(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // No cleanup that closes it: StrictMode's second run would then see a `close` and end the dialog.
    // Unmounted, the element simply leaves the top layer.
    if (!element.open) element.showModal();
    cancel.current?.focus();
  }, []);

  const finish = (confirmed: boolean) => {
    answer.current = confirmed;
    dialog.current?.close();
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      // Escape (the dialog's cancel) and the buttons all end in `close`.
      onClose={() => onClose(answer.current)}
    >
      <h2 id={`${id}-title`} className="confirm-title">
        {confirmation.title}
      </h2>
      <div id={`${id}-body`} className="confirm-body">
        {confirmation.body}
      </div>
      <div className="button-row confirm-actions">
        <button ref={cancel} type="button" className="btn btn-ghost" onClick={() => finish(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => finish(true)}>
          {confirmation.action}
        </button>
      </div>
    </dialog>
  );
}
