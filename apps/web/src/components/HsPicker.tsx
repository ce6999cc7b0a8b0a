import { KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { HsEntryView } from '@tradebridge/contracts';
import { reference } from '../api/endpoints';
import { useHsNames } from '../api/hsNames';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Picks an HS code by typing its digits or words in Vietnamese, Chinese or
 * English (the reference API searches all three); names show in the UI language.
 * A combobox in the ARIA sense: arrows move, Enter picks, Escape closes.
 */
export function HsPicker({
  value,
  onChange,
  label,
  error,
  levels = ['chapter', 'heading', 'subheading'],
}: {
  value: string;
  onChange(code: string): void;
  label: string;
  error?: string;
  levels?: HsEntryView['level'][];
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const names = useHsNames(value ? [value] : [], locale);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  const [options, setOptions] = useState<HsEntryView[]>([]);
  const [active, setActive] = useState(0);
  const [searching, setSearching] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const shown = value ? `${value} — ${names[value] ?? '…'}` : '';

  useEffect(() => {
    if (!editing) return;
    const q = text.trim();
    window.clearTimeout(timer.current);
    if (q.length < 2) {
      setOptions([]);
      return;
    }
    let live = true;
    timer.current = window.setTimeout(() => {
      setSearching(true);
      reference
        .hs({ q, locale, limit: 12 })
        .then((page) => {
          if (!live) return;
          setOptions(page.items.filter((item) => levels.includes(item.level)).slice(0, 8));
          setActive(0);
        })
        .catch(() => live && setOptions([]))
        .finally(() => live && setSearching(false));
    }, 180);
    return () => {
      live = false;
      window.clearTimeout(timer.current);
    };
  }, [text, editing, locale]);

  const choose = (item: HsEntryView) => {
    onChange(item.code);
    setEditing(false);
    setText('');
    setOptions([]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault();
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length) {
      event.preventDefault();
      setActive((i) => (i - 1 + options.length) % options.length);
    } else if (event.key === 'Enter' && options.length && editing) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      setEditing(false);
      setOptions([]);
    }
  };

  const open = editing && options.length > 0;
  return (
    <div className={`field hs-picker${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        placeholder={t('hs.placeholder')}
        value={editing ? text : shown}
        onFocus={() => {
          setEditing(true);
          setText('');
        }}
        onBlur={() => window.setTimeout(() => setEditing(false), 150)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      {searching && <span className="hs-searching" aria-hidden="true" />}
      <ul id={`${id}-list`} role="listbox" className="hs-options" hidden={!open} aria-label={label}>
        {options.map((item, i) => (
          <li
            key={item.code}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(item);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="hs-code">{item.code}</span>
            <span className="hs-name">{item.name}</span>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        <p className="field-hint" id={`${id}-hint`}>
          {t('hs.hint')}
        </p>
      )}
    </div>
  );
}
