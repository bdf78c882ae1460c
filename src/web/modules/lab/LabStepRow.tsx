import { Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPointer } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { stepTextKey, type LabStepDef, type LabStepState } from '../../../shared/lab/steps.js';
import { useTimeZone } from '../../core/timeZone.js';
import classes from './LabPanel.module.css';

interface Props { def: LabStepDef; state: LabStepState | undefined; onShow: (def: LabStepDef) => void }

/** One step: ticked with when, or a Show me that points at the control to use next. */
export function LabStepRow({ def, state, onShow }: Props) {
  const { t, i18n } = useTranslation();
  const zone = useTimeZone();
  const done = state?.done ?? false;
  const when = state?.doneAt ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: zone }).format(new Date(state.doneAt)) : null;
  const text = t(stepTextKey(def.id));
  return (
    <Group className={classes.step} gap="xs" wrap="nowrap" align="flex-start" data-step={def.id} aria-label={`${def.id} ${text}: ${done ? t('lab.done') : t('lab.notDone')}`} role="listitem">
      <ThemeIcon size={22} radius="xl" variant={done ? 'filled' : 'light'} color={done ? 'teal' : 'gray'} aria-hidden>
        {done ? <IconCheck size={14} /> : <Text fz={10} fw={700}>{def.id.split('.')[1] ?? '•'}</Text>}
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" c={done ? 'dimmed' : undefined}>
          <Text span fw={600} mr={4}>{def.id}</Text>
          {text}
        </Text>
        {when && <Text size="xs" c="teal.8">{t('lab.doneAt', { when })}</Text>}
      </Stack>
      {!done && (
        <Button size="compact-xs" variant="light" color="orange" leftSection={<IconPointer size={12} aria-hidden />} aria-label={t('lab.showMeStep', { id: def.id })} onClick={() => onShow(def)}>
          {t('lab.showMe')}
        </Button>
      )}
    </Group>
  );
}
