import { Button } from '@mantine/core';
import { notify } from '../../core/notify.js';
import { IconReceipt, IconTransform } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import { saleEntity } from '../../../shared/entities/sale.entity.js';
import { api } from '../../core/api.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { recordKeys, type EntityRecord } from '../../core/records.js';

/** Convert to sale (M8): on a won opportunity; once converted, the button opens its sale. */
export function ConvertToSaleAction({ record }: RecordActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const convert = useMutation({
    mutationFn: () => api<EntityRecord>(`/v1/opportunities/${record.id}/convert`, { method: 'POST' }),
    onSuccess: (sale) => {
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(opportunityEntity) });
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(saleEntity) });
      notify({ color: 'teal', message: t('opportunity.converted', { number: String(sale.number ?? '') }) });
      navigate(`/sales/${sale.id}`);
    },
    onError: (err) => notify({ color: 'orange', message: err.message }),
  });
  if (typeof record.saleId === 'number') {
    return (
      <Button variant="light" component={Link} href={`/sales/${record.saleId}`} leftSection={<IconReceipt size={16} aria-hidden />}>
        {t('opportunity.openSale', { number: record._labels?.saleId ?? '' })}
      </Button>
    );
  }
  if (record.status !== 'won') return null;
  return (
    <Button color="teal" leftSection={<IconTransform size={16} aria-hidden />} loading={convert.isPending} onClick={() => convert.mutate()}>
      {t('opportunity.convert')}
    </Button>
  );
}
