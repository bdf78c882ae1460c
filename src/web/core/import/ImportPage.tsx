import { Alert, Anchor, Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconHistory, IconList } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { ImportPreview, ImportTemplate } from '../../../shared/import.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { useEntityAccess } from '../access.js';
import { ConstantValues } from './ConstantValues.js';
import { fieldLabel } from './fieldLabel.js';
import { ImportFileStep } from './ImportFileStep.js';
import { ImportJobStep } from './ImportJobStep.js';
import { ImportOptionsStep } from './ImportOptionsStep.js';
import { ImportReadStep } from './ImportReadStep.js';
import { ImportTemplates } from './ImportTemplates.js';
import { fieldsUsedTwice, initialSettings, optionsOf, requiredMissing, type ConstantRow, type ImportSettings, type Mapping } from './importDraft.js';
import { MappingTable } from './MappingTable.js';
import { RevertButton } from './RevertButton.js';

const FILE = 0;
const READ = 1;
const MAP = 2;
const OPTIONS = 3;
const CHECK = 4;
const RUN = 5;

const sameHeaders = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((h, i) => h === b[i]);

/**
 * `/<entities>/import`: the import wizard. File → how it is read → columns to fields → options → a dry run that
 * writes nothing → the real import with its progress, and Revert. Generic over every entity.
 */
export function ImportPage({ entity }: { entity: EntityDef }) {
  const { t, i18n } = useTranslation();
  const access = useEntityAccess(entity);
  const title = t('import.title', { entity: t(entity.pluralLabel) });
  usePageTitle(title);
  const [step, setStep] = useState(FILE);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [constants, setConstants] = useState<ConstantRow[]>([]);
  const [settings, setSettings] = useState<ImportSettings>(() => initialSettings(i18n.language, null));
  // The encoding the server found in the file as sent (a re-read names the chosen one first).
  const [detected, setDetected] = useState<string | null>(null);
  const [dryJob, setDryJob] = useState<number | null>(null);
  const [runJob, setRunJob] = useState<number | null>(null);

  const usedTwice = useMemo(() => fieldsUsedTwice(mapping, constants), [mapping, constants]);
  const missing = useMemo(() => (preview && settings.mode !== 'update' ? requiredMissing(preview, mapping, constants) : []), [preview, mapping, constants, settings.mode]);
  const options = (dryRun: boolean) => {
    if (!preview) throw new Error('no file');
    return optionsOf(preview, mapping, constants, settings, i18n.language, dryRun);
  };
  // A dry run answers for the choices it ran with, so a changed choice asks for a new one.
  const choices = JSON.stringify([preview?.uploadId, preview?.encoding, preview?.delimiter, preview?.sheet, mapping, constants, settings]);
  useEffect(() => setDryJob(null), [choices]);

  const takePreview = (next: ImportPreview) => {
    const first = preview === null || preview.uploadId !== next.uploadId;
    // Another encoding can change the headers: the server's new suggestion then replaces the mapping.
    if (first || !sameHeaders(preview.headers, next.headers)) setMapping(next.mapping);
    if (first) {
      setDetected(next.encoding);
      setConstants([]);
      setSettings(initialSettings(i18n.language, next));
      setRunJob(null);
      setStep(READ);
    }
    setPreview(next);
  };
  const loadTemplate = (tp: ImportTemplate) => {
    if (!preview) return;
    // The template's columns that this file has; the others are left as suggested.
    setMapping((m) => ({ ...m, ...Object.fromEntries(preview.headers.filter((h) => h in tp.mapping).map((h) => [h, tp.mapping[h] ?? null])) }));
    setConstants(Object.entries(tp.constants).map(([field, value]) => ({ field, value })));
    setSettings((s) => ({ ...s, mode: tp.mode, matchOn: tp.matchOn.length ? tp.matchOn : s.matchOn }));
  };

  const matchMissing = settings.mode !== 'create' && settings.matchOn.length === 0;
  const blocked = (s: number) => {
    if (s > FILE && !preview) return true;
    if (s > MAP && usedTwice.size > 0) return true;
    if (s > OPTIONS && matchMissing) return true;
    return runJob !== null && s !== RUN;
  };
  const go = (s: number) => { if (!blocked(s)) setStep(s); };
  const listHref = `/${entity.path}`;

  if (!access.can('import')) {
    return <Alert color="orange" title={title}>{t('import.noRight')}</Alert>;
  }
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Anchor component={Link} href={listHref} size="sm">
            <Group gap={4} component="span"><IconArrowLeft size={14} aria-hidden />{t(`${entity.name}.list`)}</Group>
          </Anchor>
          <Title order={2}>{title}</Title>
        </div>
        <Button variant="subtle" component={Link} href="/imports" leftSection={<IconHistory size={16} aria-hidden />}>{t('import.history')}</Button>
      </Group>
      <Stepper active={step} onStepClick={go} size="sm" aria-label={t('import.steps')}>
        <Stepper.Step label={t('import.stepFile')} description={preview?.fileName ?? t('import.stepFileHint')} allowStepSelect={runJob === null}>
          <ImportFileStep entity={entity} fileName={preview?.fileName ?? null} onPreview={takePreview} />
        </Stepper.Step>
        <Stepper.Step label={t('import.stepRead')} description={t('import.stepReadHint')} allowStepSelect={!blocked(READ)}>
          {preview && <ImportReadStep entity={entity} preview={preview} detected={detected} onPreview={takePreview} />}
        </Stepper.Step>
        <Stepper.Step label={t('import.stepMap')} description={t('import.stepMapHint')} allowStepSelect={!blocked(MAP)}>
          {preview && (
            <Stack gap="lg">
              <ImportTemplates entity={entity} draft={{ mapping, constants: Object.fromEntries(constants.flatMap((c) => (c.field ? [[c.field, c.value]] : []))), mode: settings.mode, matchOn: settings.matchOn }} onLoad={loadTemplate} />
              {usedTwice.size > 0 && <Alert color="red">{t('import.usedTwiceAlert', { fields: [...usedTwice].map((f) => fieldLabel(t, preview.fields.find((x) => x.name === f) ?? { name: f, label: f })).join(', ') })}</Alert>}
              {missing.length > 0 && <Alert color="orange">{t('import.requiredMissing', { fields: missing.map((f) => fieldLabel(t, f)).join(', ') })}</Alert>}
              <MappingTable preview={preview} mapping={mapping} usedTwice={usedTwice} onChange={(column, field) => setMapping((m) => ({ ...m, [column]: field }))} />
              <ConstantValues preview={preview} mapping={mapping} rows={constants} usedTwice={usedTwice} onChange={setConstants} />
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Step label={t('import.stepOptions')} description={t('import.stepOptionsHint')} allowStepSelect={!blocked(OPTIONS)}>
          {preview && <ImportOptionsStep preview={preview} settings={settings} onChange={setSettings} />}
        </Stepper.Step>
        <Stepper.Step label={t('import.stepCheck')} description={t('import.stepCheckHint')} allowStepSelect={!blocked(CHECK)}>
          {preview && (
            <ImportJobStep entity={entity} jobId={dryJob} onStarted={(j) => setDryJob(j.id)} options={() => options(true)} startLabel={t('import.dryRun')} hint={t('import.dryRunHint')} />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('import.stepRun')} description={t('import.stepRunHint')} allowStepSelect={!blocked(RUN)}>
          {preview && (
            <ImportJobStep
              entity={entity}
              jobId={runJob}
              onStarted={(j) => setRunJob(j.id)}
              options={() => options(false)}
              startLabel={t('import.start')}
              hint={t('import.startHint', { file: preview.fileName })}
              after={(job) => (
                <Group gap="sm">
                  <Button component={Link} href={listHref} leftSection={<IconList size={16} aria-hidden />}>{t('import.openList')}</Button>
                  <RevertButton job={job} />
                  <Button variant="subtle" component={Link} href={`/imports/${job.id}`}>{t('import.openReport')}</Button>
                </Group>
              )}
            />
          )}
        </Stepper.Step>
      </Stepper>
      {runJob === null && (
        <Paper withBorder p="sm" bg="gray.0">
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={() => setStep((s) => Math.max(FILE, s - 1))} disabled={step === FILE}>
              {t('import.back')}
            </Button>
            {blocked(step + 1) && step < RUN && preview && <Text size="sm" c="red">{usedTwice.size > 0 ? t('import.fixUsedTwice') : matchMissing ? t('import.matchNeeded') : ''}</Text>}
            {step < RUN && (
              <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={() => go(step + 1)} disabled={blocked(step + 1)}>
                {t('import.next')}
              </Button>
            )}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
