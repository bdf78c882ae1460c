import { Accordion, Badge, CloseButton, Group, Progress, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LAB_MODULES, LAB_STEPS, moduleOf, type LabStepDef } from '../../../shared/lab/steps.js';
import { onUsage } from '../../core/usage.js';
import { labKey, useLab } from './labApi.js';
import { setLabPanelOpened } from './labPanelStore.js';
import { LabStepRow } from './LabStepRow.js';
import { highlightWhenShown } from './showMe.js';
import { ResetLabButton, SampleDataButton } from './data/index.js';
import { LabReportButton } from './report/LabReportButton.js';
import classes from './LabPanel.module.css';

/**
 * The guided lab beside the page (issue 13): the manual's steps by module, each ticking itself when
 * its work is done, a progress bar, and Show me, which opens the right page and outlines the control
 * the manual names.
 */
export function LabPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [location, navigate] = useLocation();
  const lab = useLab(true);
  // What the user just did may tick a step: ask again at once rather than at the next poll.
  useEffect(() => onUsage(() => void queryClient.invalidateQueries({ queryKey: labKey })), [queryClient]);
  const states = useMemo(() => new Map((lab.data?.steps ?? []).map((s) => [s.id, s])), [lab.data]);
  const done = lab.data?.steps.filter((s) => s.done).length ?? 0;
  const total = LAB_STEPS.length;
  const firstOpen = LAB_MODULES.find((m) => LAB_STEPS.some((s) => moduleOf(s.id) === m && !states.get(s.id)?.done)) ?? 'M0';

  const show = (def: LabStepDef) => {
    if (location !== def.show.path) navigate(def.show.path);
    const c = def.show.control;
    if (!c) return;
    const vars = Object.fromEntries(Object.entries(c.vars ?? {}).map(([k, key]) => [k, t(key)]));
    void highlightWhenShown(c.role, t(c.name, vars));
  };

  return (
    <Stack className={classes.panel} gap="sm" p="sm" data-lab-panel component="section" aria-labelledby="lab-panel-title">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} fz="md" id="lab-panel-title">{t('lab.title')}</Title>
        <CloseButton aria-label={t('lab.hide')} onClick={() => setLabPanelOpened(false)} />
      </Group>
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm">{t('lab.progress', { done, total })}</Text>
          <Badge variant="light" color={done === total ? 'teal' : 'indigo'}>{Math.round((done / total) * 100)}%</Badge>
        </Group>
        <Progress value={(done / total) * 100} color="teal" aria-label={t('lab.progress', { done, total })} />
      </Stack>
      <ScrollArea className={classes.steps} type="auto" offsetScrollbars>
        <Accordion key={firstOpen} defaultValue={firstOpen} variant="contained" chevronPosition="left">
          {LAB_MODULES.map((m) => {
            const steps = LAB_STEPS.filter((s) => moduleOf(s.id) === m);
            const n = steps.filter((s) => states.get(s.id)?.done).length;
            return (
              <Accordion.Item key={m} value={m}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={500} style={{ flex: 1, minWidth: 0 }}>{t(`lab.module.${m}`)}</Text>
                    <Badge size="sm" style={{ flexShrink: 0 }} variant={n === steps.length ? 'filled' : 'light'} color={n === steps.length ? 'teal' : 'gray'}>{n}/{steps.length}</Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <div role="list">
                    {steps.map((s) => <LabStepRow key={s.id} def={s} state={states.get(s.id)} onShow={show} />)}
                  </div>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      </ScrollArea>
      <Stack gap={6}>
        <LabReportButton compact />
        <Group gap="xs" wrap="wrap">
          <SampleDataButton compact />
          <ResetLabButton compact />
        </Group>
      </Stack>
    </Stack>
  );
}
