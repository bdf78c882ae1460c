import { Button, Group, Modal, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisName, AnalysisOptions, CompositionOptions, FunnelOptions, TrendOptions } from '../../../shared/analysis.js';
import { CompositionForm, FunnelForm, TrendForm } from './OptionForms.js';
import { periodErrors } from './PeriodFields.js';

interface Props<A extends AnalysisName> {
  name: A;
  opened: boolean;
  initial: AnalysisOptions[A];
  onOk: (options: AnalysisOptions[A]) => void;
  onCancel: () => void;
}

/** M11.a: the dialog of basic options an analysis opens with; OK runs it, Cancel keeps what is shown. */
export function OptionsDialog<A extends AnalysisName>({ name, opened, initial, onOk, onCancel }: Props<A>) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (opened) { setValue(initial); setTried(false); }
  }, [opened, initial]);
  const errors = periodErrors(value, t);
  const shown = tried ? errors : {};
  const ok = () => {
    setTried(true);
    if (Object.keys(errors).length === 0) onOk(value);
  };
  const set = (v: unknown) => setValue(v as AnalysisOptions[A]);
  return (
    <Modal opened={opened} onClose={onCancel} title={t('analysis.optionsTitle', { analysis: t(`analysis.${name}.title`) })} size="lg" yOffset={72}>
      <form onSubmit={(e) => { e.preventDefault(); ok(); }}>
        <Stack gap="md">
          {name === 'trend' && <TrendForm value={value as TrendOptions} onChange={set} errors={shown} />}
          {name === 'funnel' && <FunnelForm value={value as FunnelOptions} onChange={set} errors={shown} />}
          {name === 'composition' && <CompositionForm value={value as CompositionOptions} onChange={set} errors={shown} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>{t('action.cancel')}</Button>
            <Button type="submit">{t('analysis.ok')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
