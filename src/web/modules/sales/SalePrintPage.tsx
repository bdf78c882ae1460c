import { Alert, Button, Center, Group, Loader } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { lineTotals, type Line } from '../../../shared/entity/line-items.js';
import { saleEntity } from '../../../shared/entities/sale.entity.js';
import { useFormatter } from '../../core/fields/useFormatter.js';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { recordKeys, recordsApi } from '../../core/records.js';
import { useSettings } from '../../core/settings.js';
import classes from './SalePrintPage.module.css';

/**
 * The printable sale (M8.g): one A4 sheet with the company header, the customer, the lines
 * table and the totals. The browser prints it (or saves it as a PDF); the toolbar is not printed.
 */
export function SalePrintPage({ params }: { params: Record<string, string | undefined> }) {
  const { t, i18n } = useTranslation();
  const id = params.id ?? '';
  const sale = useQuery({ queryKey: recordKeys.one(saleEntity, id), queryFn: ({ signal }) => recordsApi.get(saleEntity, id, signal) });
  const settings = useSettings();
  const money = useMoneyFormat();
  const format = useFormatter(saleEntity);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 });
  useEffect(() => {
    if (sale.data) document.title = `${t('sale.printTitle')} ${String(sale.data.number ?? '')}`;
  }, [sale.data, t]);

  if (sale.isPending) return <Center h="100vh"><Loader /></Center>;
  if (sale.error || !sale.data) return <Alert color="red" m="xl">{sale.error?.message ?? t('record.notFound')}</Alert>;
  const s = sale.data;
  const lines = (Array.isArray(s.lines) ? s.lines : []) as unknown as Line[];
  const totals = lines.length ? lineTotals(lines) : { gross: Number(s.total ?? 0), discount: 0, total: Number(s.total ?? 0) };
  const company = settings.data?.company;
  const label = (f: string) => t(saleEntity.allFields[f]?.label ?? f);
  const text = (f: string) => s._labels?.[f] as string | null | undefined ?? format(f, s[f]);

  return (
    <div className={classes.page}>
      <Group className={classes.toolbar} justify="space-between">
        <Button variant="default" component={Link} href={`/sales/${s.id}`} leftSection={<IconArrowLeft size={16} aria-hidden />}>{t('action.backToList')}</Button>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>{t('sale.print')}</Button>
      </Group>
      <article className={classes.sheet} aria-label={t('sale.printTitle')}>
        <header className={classes.header}>
          <div>
            <div className={classes.company}>{company?.name || t('app.name')}</div>
            <div className={classes.muted}>{[company?.address, company?.phone, company?.email].filter(Boolean).join('\n')}</div>
            {company?.registrationNumber && <div className={classes.muted}>{t('settings.companyField.registrationNumber')}: {company.registrationNumber}</div>}
          </div>
          <div>
            <div className={classes.docTitle}>{t('sale.printTitle')}</div>
            <div className={classes.muted} style={{ textAlign: 'right' }}>
              {label('number')}: <strong>{String(s.number ?? '')}</strong>{'\n'}{label('orderDate')}: {format('orderDate', s.orderDate)}
            </div>
          </div>
        </header>
        <section className={classes.parties}>
          <div>
            <div className={classes.label}>{label('customerId')}</div>
            <div style={{ fontWeight: 600, fontSize: '12pt' }}>{text('customerId')}</div>
            {s.contactId !== null && <div>{text('contactId')}</div>}
          </div>
          <div>
            <div className={classes.label}>{label('statusId')}</div>
            <div>{text('statusId')}</div>
            <div className={classes.label} style={{ marginTop: 6 }}>{label('paymentTermsId')}</div>
            <div>{text('paymentTermsId') || '—'}</div>
          </div>
        </section>
        <table className={classes.lines}>
          <thead>
            <tr>
              <th style={{ width: 24 }}>{t('line.number')}</th>
              <th>{t('line.description')}</th>
              <th className={classes.num}>{t('line.quantity')}</th>
              <th className={classes.num}>{t('line.unitPrice')}</th>
              <th className={classes.num}>{t('line.discountPercent')}</th>
              <th className={classes.num}>{t('line.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.id}>
                <td>{i + 1}</td>
                <td>
                  <div style={{ fontWeight: 500 }}>{l._labels.productId ?? l.description}</div>
                  {l._labels.productId && l.description && l.description !== l._labels.productId && <div className={classes.muted}>{l.description}</div>}
                </td>
                <td className={classes.num}>{number.format(l.quantity)}</td>
                <td className={classes.num}>{money(l.unitPrice)}</td>
                <td className={classes.num}>{l.discountPercent ? `${number.format(l.discountPercent)}%` : ''}</td>
                <td className={classes.num}>{money(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className={classes.totals}>
          <div><span>{t('line.subtotal')}</span><span>{money(totals.gross)}</span></div>
          {totals.discount !== 0 && <div><span>{t('line.discount')}</span><span>{money(-totals.discount)}</span></div>}
          <div className={classes.grand}><span>{t('line.total')}</span><span>{money(totals.total)}</span></div>
        </div>
        {typeof s.notes === 'string' && s.notes && (
          <section style={{ marginTop: '10mm' }}>
            <div className={classes.label}>{label('notes')}</div>
            <div style={{ whiteSpace: 'pre-line' }}>{s.notes}</div>
          </section>
        )}
      </article>
    </div>
  );
}
