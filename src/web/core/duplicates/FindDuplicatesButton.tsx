import { Button } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { useEntityAccess } from '../access.js';
import { hasDuplicateRules } from './duplicateRules.js';

/** The list toolbar's way to the entity's duplicates page; reading is enough to look (merging asks more there). */
export function FindDuplicatesButton({ entity }: { entity: EntityDef }) {
  const { t } = useTranslation();
  const access = useEntityAccess(entity);
  if (!access.can('read') || !hasDuplicateRules(entity)) return null;
  return (
    <Button variant="default" component={Link} href={`/${entity.path}/duplicates`} leftSection={<IconCopy size={16} aria-hidden />}>
      {t('duplicates.find')}
    </Button>
  );
}
