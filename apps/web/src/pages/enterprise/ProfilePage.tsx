import { FormEvent, useEffect, useState } from 'react';
import type { Certification, CertificationKind, EnterpriseSize, EnterpriseView, Locale, ProductLine } from '@tradebridge/contracts';
import { CERTIFICATION_KINDS, ENTERPRISE_SIZES as SIZES, LOCALES } from '@tradebridge/contracts';
import { ApiError } from '../../api/client';
import { EnterpriseInput, enterprises, reference } from '../../api/endpoints';
import { useSession } from '../../auth/AuthProvider';
import { HsPicker } from '../../components/HsPicker';
import { Shell } from '../../components/Shell';
import { ErrorBanner, Field, Loading, Notice, PageHeader } from '../../components/ui';
import { toApiError, useAsync } from '../../components/useAsync';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/I18nProvider';
import { useMyEnterprise } from './useMyEnterprise';
import { asyncHandler } from '../../components/async-handler';

const COUNTRIES = ['VN', 'CN', 'LA'] as const;

type Texts = Record<Locale, string>;
interface ProfileForm {
  name: Texts;
  country: string;
  region: string;
  sectors: string[];
  offers: ProductLine[];
  needs: ProductLine[];
  certifications: { kind: CertificationKind; code: string; stars: string }[];
  languages: string[];
  website: string;
  size: EnterpriseSize | '';
  description: Texts;
  contact: { person: string; email: string; phone: string };
}

const EMPTY_TEXTS: Texts = { vi: '', zh: '', en: '' };

function blank(): ProfileForm {
  return {
    name: { ...EMPTY_TEXTS },
    country: 'VN',
    region: '',
    sectors: [],
    offers: [{ hsCode: '', description: '' }],
    needs: [{ hsCode: '', description: '' }],
    certifications: [],
    languages: [],
    website: '',
    size: '',
    description: { ...EMPTY_TEXTS },
    contact: { person: '', email: '', phone: '' },
  };
}

function fromView(view: EnterpriseView): ProfileForm {
  return {
    name: { vi: view.name.vi ?? '', zh: view.name.zh ?? '', en: view.name.en ?? '' },
    country: view.country,
    region: view.region,
    sectors: view.sectors,
    offers: view.offers.length ? view.offers : [{ hsCode: '', description: '' }],
    needs: view.needs.length ? view.needs : [{ hsCode: '', description: '' }],
    certifications: view.certifications.map((c) => ({ kind: c.kind, code: c.code ?? '', stars: c.stars ? String(c.stars) : '' })),
    languages: view.languages,
    website: view.website ?? '',
    size: view.size ?? '',
    description: { vi: view.description?.vi ?? '', zh: view.description?.zh ?? '', en: view.description?.en ?? '' },
    contact: { person: view.contact?.person ?? '', email: view.contact?.email ?? '', phone: view.contact?.phone ?? '' },
  };
}

function texts(value: Texts): Partial<Texts> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, text]) => text.trim() !== '')
      .map(([k, text]) => [k, text.trim()]),
  );
}

/** The form as the API wants it: empty rows and texts left out. */
function toInput(form: ProfileForm): EnterpriseInput {
  const lines = (rows: ProductLine[]) => rows.filter((r) => r.hsCode || r.description.trim()).map((r) => ({ hsCode: r.hsCode, description: r.description.trim() }));
  const certifications: Certification[] = form.certifications.map((c) => ({
    kind: c.kind,
    ...(c.code.trim() ? { code: c.code.trim() } : {}),
    ...(c.stars ? { stars: Number(c.stars) } : {}),
  }));
  const contact =
    form.contact.person.trim() || form.contact.email.trim() || form.contact.phone.trim()
      ? {
          person: form.contact.person.trim(),
          email: form.contact.email.trim(),
          phone: form.contact.phone.trim(),
        }
      : undefined;
  const description = texts(form.description);
  return {
    name: texts(form.name),
    country: form.country,
    region: form.region,
    sectors: form.sectors,
    offers: lines(form.offers),
    needs: lines(form.needs),
    certifications,
    ...(form.languages.length ? { languages: form.languages } : {}),
    ...(form.website.trim() ? { website: form.website.trim() } : {}),
    ...(form.size ? { size: form.size } : {}),
    ...(Object.keys(description).length ? { description } : {}),
    ...(contact ? { contact } : {}),
  };
}

const LANGUAGE_LABEL: Record<Locale, MessageKey> = { vi: 'lang.vi', zh: 'lang.zh', en: 'lang.en' };

export function ProfilePage() {
  const { t, locale, name } = useI18n();
  const { refresh } = useSession();
  const { enterprise, all, choose } = useMyEnterprise();
  const existing = useAsync(() => (enterprise ? enterprises.get(enterprise.id) : Promise.resolve(null)), [enterprise?.id]);
  const [form, setForm] = useState<ProfileForm>(blank);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const regions = useAsync(() => reference.regions(form.country, locale), [form.country, locale]);
  const sections = useAsync(() => reference.hs({ level: 'section', locale, limit: 30 }), [locale]);

  useEffect(() => {
    if (existing.data) setForm(fromView(existing.data));
    else if (existing.data === null) setForm(blank());
  }, [existing.data]);

  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!Object.keys(texts(form.name)).length) problems.name = t('profile.nameRequired');
    if (!form.region) problems.region = t('validation.required');
    setFields(problems);
    if (Object.keys(problems).length) {
      setError(
        new ApiError(
          400,
          'VALIDATION_FAILED',
          t('profile.fixFields'),
          Object.entries(problems).map(([field, message]) => ({ field, message })),
        ),
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = toInput(form);
      const view = existing.data ? await enterprises.update(existing.data.id, input) : await enterprises.create(input);
      if (!existing.data) {
        choose(view.id);
        await refresh();
      }
      existing.setData(view);
      setSaved(true);
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      setFields(failure.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  const lineEditor = (kind: 'offers' | 'needs') => (
    <fieldset className="card form-section">
      <legend>{t(kind === 'offers' ? 'profile.offers' : 'profile.needs')}</legend>
      <p className="muted small">{t(kind === 'offers' ? 'profile.offersHint' : 'profile.needsHint')}</p>
      {form[kind].map((line, i) => (
        <div className="line-row" key={i}>
          <HsPicker
            label={t('profile.hsCode')}
            value={line.hsCode}
            error={fields[`${kind}[${i}].hsCode`]}
            onChange={(code) =>
              set(
                kind,
                form[kind].map((l, j) => (j === i ? { ...l, hsCode: code } : l)),
              )
            }
          />
          <Field label={t('profile.lineDescription')} error={fields[`${kind}[${i}].description`]}>
            <input
              type="text"
              value={line.description}
              maxLength={500}
              onChange={(e) =>
                set(
                  kind,
                  form[kind].map((l, j) => (j === i ? { ...l, description: e.target.value } : l)),
                )
              }
            />
          </Field>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label={t('profile.removeLine', { n: i + 1 })}
            onClick={() =>
              set(
                kind,
                form[kind].filter((_, j) => j !== i),
              )
            }
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-secondary btn-small" onClick={() => set(kind, [...form[kind], { hsCode: '', description: '' }])}>
        + {t(kind === 'offers' ? 'profile.addOffer' : 'profile.addNeed')}
      </button>
    </fieldset>
  );

  if (existing.loading && existing.data === undefined) {
    return (
      <Shell>
        <Loading />
      </Shell>
    );
  }

  return (
    <Shell>
      <PageHeader
        eyebrow={t('profile.eyebrow')}
        title={existing.data ? name(existing.data.name) : t('profile.createTitle')}
        subtitle={existing.data ? t('profile.editLead') : t('profile.createLead')}
        actions={
          all.length > 1 ? (
            <Field label={t('profile.actingFor')}>
              <select value={enterprise?.id} onChange={(e) => choose(e.target.value)}>
                {all.map((e) => (
                  <option key={e.id} value={e.id}>
                    {name(e.name)}
                  </option>
                ))}
              </select>
            </Field>
          ) : undefined
        }
      />
      <form onSubmit={asyncHandler(submit)} noValidate className="profile-form">
        <ErrorBanner error={error} />
        {saved && <Notice kind="success">{t('profile.saved')}</Notice>}

        <fieldset className="card form-section">
          <legend>{t('profile.identity')}</legend>
          <div className="grid-3">
            {LOCALES.map((code) => (
              <Field key={code} label={t('profile.nameIn', { language: t(LANGUAGE_LABEL[code]) })} error={fields[`name.${code}`] ?? (code === 'vi' ? fields.name : undefined)}>
                <input type="text" lang={code === 'zh' ? 'zh-Hans' : code} value={form.name[code]} maxLength={300} onChange={(e) => set('name', { ...form.name, [code]: e.target.value })} />
              </Field>
            ))}
          </div>
          <div className="grid-3">
            <Field label={t('profile.country')} error={fields.country}>
              <select value={form.country} onChange={(e) => setForm((f) => ({ ...f, country: e.target.value, region: '' }))}>
                {COUNTRIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`country.${c}` as MessageKey)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('profile.region')} error={fields.region}>
              <select value={form.region} onChange={(e) => set('region', e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {regions.data?.items.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('profile.size')} error={fields.size}>
              <select value={form.size} onChange={(e) => set('size', e.target.value as EnterpriseSize | '')}>
                <option value="">{t('common.notSaid')}</option>
                {SIZES.map((s) => (
                  <option key={s} value={s}>
                    {t(`size.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="grid-2">
            <Field label={t('profile.website')} error={fields.website} hint="https://…">
              <input type="url" value={form.website} onChange={(e) => set('website', e.target.value)} />
            </Field>
            <fieldset className="field">
              <legend>{t('profile.languages')}</legend>
              <div className="checks">
                {LOCALES.map((code) => (
                  <label key={code} className="check">
                    <input
                      type="checkbox"
                      checked={form.languages.includes(code)}
                      onChange={(e) => set('languages', e.target.checked ? [...form.languages, code] : form.languages.filter((l) => l !== code))}
                    />
                    {t(LANGUAGE_LABEL[code])}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          <fieldset className="field">
            <legend>{t('profile.sectors')}</legend>
            <details className="sector-picker">
              <summary>
                {t('profile.sectorsSummary', { n: form.sectors.length })}
                {form.sectors.length > 0 && `: ${form.sectors.join(', ')}`}
              </summary>
              <div className="chips">
                {sections.data?.items.map((s) => (
                  <label key={s.code} className={`chip${form.sectors.includes(s.code) ? ' chip-on' : ''}`} title={s.name}>
                    <input
                      type="checkbox"
                      checked={form.sectors.includes(s.code)}
                      onChange={(e) => set('sectors', e.target.checked ? [...form.sectors, s.code] : form.sectors.filter((c) => c !== s.code))}
                    />
                    <span className="chip-code">{s.code}</span> <span className="chip-name">{s.name}</span>
                  </label>
                ))}
              </div>
            </details>
          </fieldset>
        </fieldset>

        {lineEditor('offers')}
        {lineEditor('needs')}

        <fieldset className="card form-section">
          <legend>{t('profile.certifications')}</legend>
          <p className="muted small">{t('profile.certificationsHint')}</p>
          {form.certifications.map((c, i) => (
            <div className="line-row" key={i}>
              <Field label={t('profile.certKind')} error={fields[`certifications[${i}].kind`]}>
                <select
                  value={c.kind}
                  onChange={(e) =>
                    set(
                      'certifications',
                      form.certifications.map((x, j) => (j === i ? { ...x, kind: e.target.value as CertificationKind, stars: e.target.value === 'ocop' ? x.stars || '4' : '' } : x)),
                    )
                  }
                >
                  {CERTIFICATION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`cert.${k}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </Field>
              {c.kind === 'ocop' ? (
                <Field label={t('profile.ocopStars')} error={fields[`certifications[${i}].stars`]}>
                  <select
                    value={c.stars}
                    onChange={(e) =>
                      set(
                        'certifications',
                        form.certifications.map((x, j) => (j === i ? { ...x, stars: e.target.value } : x)),
                      )
                    }
                  >
                    {['3', '4', '5'].map((s) => (
                      <option key={s} value={s}>
                        {'★'.repeat(Number(s))} {t('profile.stars', { n: s })}
                      </option>
                    ))}
                  </select>
                </Field>
              ) : (
                <Field label={t('profile.certCode')} error={fields[`certifications[${i}].code`]}>
                  <input
                    type="text"
                    value={c.code}
                    maxLength={100}
                    onChange={(e) =>
                      set(
                        'certifications',
                        form.certifications.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)),
                      )
                    }
                  />
                </Field>
              )}
              <button
                type="button"
                className="btn btn-ghost btn-icon"
                aria-label={t('profile.removeCertification', { n: i + 1 })}
                onClick={() =>
                  set(
                    'certifications',
                    form.certifications.filter((_, j) => j !== i),
                  )
                }
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => set('certifications', [...form.certifications, { kind: 'growing_area_code', code: '', stars: '' }])}>
            + {t('profile.addCertification')}
          </button>
        </fieldset>

        <fieldset className="card form-section">
          <legend>{t('profile.description')}</legend>
          <div className="grid-3">
            {LOCALES.map((code) => (
              <Field key={code} label={t(LANGUAGE_LABEL[code])} error={fields[`description.${code}`]}>
                <textarea
                  rows={4}
                  lang={code === 'zh' ? 'zh-Hans' : code}
                  value={form.description[code]}
                  onChange={(e) => set('description', { ...form.description, [code]: e.target.value })}
                />
              </Field>
            ))}
          </div>
        </fieldset>

        <fieldset className="card form-section">
          <legend>{t('profile.contact')}</legend>
          <p className="muted small">{t('profile.contactHint')}</p>
          <div className="grid-3">
            <Field label={t('profile.contactPerson')} error={fields['contact.person']}>
              <input type="text" autoComplete="name" value={form.contact.person} onChange={(e) => set('contact', { ...form.contact, person: e.target.value })} />
            </Field>
            <Field label={t('profile.contactEmail')} error={fields['contact.email']}>
              <input type="email" autoComplete="email" value={form.contact.email} onChange={(e) => set('contact', { ...form.contact, email: e.target.value })} />
            </Field>
            <Field label={t('profile.contactPhone')} error={fields['contact.phone']}>
              <input type="tel" autoComplete="tel" value={form.contact.phone} onChange={(e) => set('contact', { ...form.contact, phone: e.target.value })} />
            </Field>
          </div>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : existing.data ? t('profile.save') : t('profile.create')}
          </button>
        </div>
      </form>
    </Shell>
  );
}
